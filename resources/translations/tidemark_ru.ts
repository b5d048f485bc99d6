<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>tidemark</name>
    <message>
        <source>choose a topic to produce the records to</source>
        <translation>выберите топик, в который отправить записи</translation>
    </message>
    <message>
        <source>topic &apos;%1&apos; has no partitions yet</source>
        <translation>у топика «%1» пока нет партиций</translation>
    </message>
    <message numerus="yes">
        <source>&apos;%1&apos; has %2 partitions, so records of partition %3 cannot keep their partition; place them by key instead</source>
        <translation>
            <numerusform>в «%1» %2 партиция, поэтому записи партиции %3 не могут сохранить свою партицию; распределите их по ключу</numerusform>
            <numerusform>в «%1» %2 партиции, поэтому записи партиции %3 не могут сохранить свою партицию; распределите их по ключу</numerusform>
            <numerusform>в «%1» %2 партиций, поэтому записи партиции %3 не могут сохранить свою партицию; распределите их по ключу</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <source>cancelled after %1 records were produced to %2</source>
        <translation>отменено; в %2 уже отправлено записей: %1</translation>
    </message>
</context>
<context>
    <name>tidemark::ConnectionBar</name>
    <message>
        <source>&amp;Broker:</source>
        <translation>&amp;Брокер:</translation>
    </message>
    <message>
        <source>Where topics live: the built-in broker (no server needed) or a Kafka cluster</source>
        <translation>Где живут топики: встроенный брокер (сервер не нужен) или кластер Kafka</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Открыть папку…</translation>
    </message>
    <message>
        <source>Use another data directory for the built-in broker (Ctrl+O)</source>
        <translation>Взять другую папку данных для встроенного брокера (Ctrl+O)</translation>
    </message>
    <message>
        <source>Kafka profiles…</source>
        <translation>Профили Kafka…</translation>
    </message>
    <message>
        <source>Add, edit, test and remove Kafka cluster profiles (Ctrl+Shift+P)</source>
        <translation>Добавить, изменить, проверить или удалить профили кластеров Kafka (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Built-in broker: %1</source>
        <translation>Встроенный брокер: %1</translation>
    </message>
    <message>
        <source>Kafka: %1</source>
        <translation>Kafka: %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <source>Waiting for %1 to answer</source>
        <translation>Ждём ответа от %1</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Подключено</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Недоступен</translation>
    </message>
</context>
<context>
    <name>tidemark::ConnectionLifecycle</name>
    <message>
        <source>Cannot open the built-in broker&apos;s data directory: %1</source>
        <translation>Не удаётся открыть папку данных встроенного брокера: %1</translation>
    </message>
    <message>
        <source>Nothing is listening on %1. Is Kafka running? Start it (the cluster of packaging/compose starts with “docker compose up -d”) or switch back to the built-in broker.</source>
        <translation>На %1 никто не слушает. Kafka запущена? Запустите её (кластер из packaging/compose запускается командой «docker compose up -d») или вернитесь на встроенный брокер.</translation>
    </message>
    <message>
        <source>The address %1 does not resolve to a host. Check the profile&apos;s bootstrap servers, or switch back to the built-in broker.</source>
        <translation>Адрес %1 не соответствует ни одному хосту. Проверьте bootstrap-серверы профиля или вернитесь на встроенный брокер.</translation>
    </message>
    <message>
        <source>No Kafka broker at %1 answered within %2 s. Check that Kafka is running there and reachable from this machine, or switch back to the built-in broker.</source>
        <translation>Ни один брокер Kafka на %1 не ответил за %2 с. Проверьте, что Kafka там запущена и доступна с этой машины, или вернитесь на встроенный брокер.</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>Подключение «%1» не удалось: %2</translation>
    </message>
    <message>
        <source>Nothing is listening on %1. Is Kafka running there? Or switch back to the built-in broker.</source>
        <translation>На %1 никто не слушает. Kafka там запущена? Или вернитесь на встроенный брокер.</translation>
    </message>
</context>
<context>
    <name>tidemark::ConnectionNotice</name>
    <message>
        <source>&amp;Try Again</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Use the &amp;Built-in Broker</source>
        <translation>&amp;Встроенный брокер</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>What the Kafka client library reported, word for word</source>
        <translation>Что сообщила клиентская библиотека Kafka, дословно</translation>
    </message>
</context>
<context>
    <name>tidemark::ConnectionSpec</name>
    <message>
        <source>Local: %1</source>
        <translation>Встроенный брокер: %1</translation>
    </message>
    <message>
        <source>Kafka: %1</source>
        <translation>Kafka: %1</translation>
    </message>
</context>
<context>
    <name>tidemark::ConsumerManager</name>
    <message>
        <source>consumers</source>
        <translation>консьюмеры</translation>
    </message>
    <message>
        <source>cannot start a consumer: not connected to a broker</source>
        <translation>не удаётся запустить консьюмера: нет подключения к брокеру</translation>
    </message>
    <message>
        <source>cannot start a consumer: a group id and a topic are needed</source>
        <translation>не удаётся запустить консьюмера: нужны группа и топик</translation>
    </message>
    <message>
        <source>starting in group &apos;%1&apos; on %2</source>
        <translation>запускается в группе «%1» на %2</translation>
    </message>
    <message>
        <source>stopping: commit, then leave the group</source>
        <translation>остановка: коммит, затем выход из группы</translation>
    </message>
    <message>
        <source>killing: no commit, no leave</source>
        <translation>убиваем: без коммита и без выхода из группы</translation>
    </message>
    <message>
        <source>restarting: clean stop first</source>
        <translation>перезапуск: сначала чистая остановка</translation>
    </message>
    <message>
        <source>restarting in group &apos;%1&apos;</source>
        <translation>перезапускается в группе «%1»</translation>
    </message>
    <message>
        <source>assigned no partitions (generation %1)</source>
        <translation>партиции не назначены (поколение %1)</translation>
    </message>
    <message>
        <source>assigned %1 (generation %2)</source>
        <translation>назначены %1 (поколение %2)</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>отозваны %1</translation>
    </message>
    <message>
        <source>lost %1 without a chance to commit</source>
        <translation>потеряны %1, коммит сделать не успели</translation>
    </message>
    <message>
        <source>the consumer thread ended unexpectedly</source>
        <translation>поток консьюмера неожиданно завершился</translation>
    </message>
    <message>
        <source>replays %1 offsets %2-%3: the group&apos;s committed offset was reset from %4 to %2 (a replay you asked for, not a redelivery)</source>
        <translation>переигрывает %1, оффсеты %2–%3: закоммиченный оффсет группы сброшен с %4 на %2 (повтор по вашей просьбе, а не повторная доставка)</translation>
    </message>
    <message>
        <source>re-delivered %1 from offset %2: processed before by a member that was killed or crashed before committing them (at-least-once)</source>
        <translation>повторно доставлены %1 с оффсета %2: их уже обработал участник, убитый или упавший до коммита (at-least-once)</translation>
    </message>
    <message>
        <source>keeps %1 until its session timeout of %2 s runs out: the group cannot tell a dead member from a slow one, so nobody reads them meanwhile and their lag grows</source>
        <translation>сохраняет %1, пока не истечёт его тайм-аут сессии (%2 с): группа не отличает мёртвого участника от медленного, поэтому их пока никто не читает и лаг растёт</translation>
    </message>
    <message>
        <source>took %1 over from %2, %3 s after it was killed (its session timeout: %4 s)</source>
        <translation>подхватил %1 у %2 через %3 с после его убийства (его тайм-аут сессии: %4 с)</translation>
    </message>
    <message>
        <source>member %1</source>
        <comment>took &lt;partitions&gt; over from member &lt;id&gt;</comment>
        <translation>участника %1</translation>
    </message>
    <message>
        <source>took %1 over from %2, which left the group without letting go of it (it died, or did not poll within its session timeout)</source>
        <translation>подхватил %1 у %2: тот покинул группу, не отпустив партицию (упал или не опрашивал брокер дольше своего тайм-аута сессии)</translation>
    </message>
    <message>
        <source>assigned no partitions by hand (no group)</source>
        <translation>вручную не назначено ни одной партиции (без группы)</translation>
    </message>
    <message>
        <source>assigned %1 by hand (no group)</source>
        <translation>вручную назначены %1 (без группы)</translation>
    </message>
    <message>
        <source>assigned no partitions</source>
        <translation>партиции не назначены</translation>
    </message>
    <message>
        <source>assigned %1</source>
        <translation>назначены %1</translation>
    </message>
    <message>
        <source>revoked %1 (generation %2)</source>
        <translation>отозваны %1 (поколение %2)</translation>
    </message>
    <message>
        <source>evicted from the group for not polling within its session timeout of %1 s; joining again</source>
        <translation>исключён из группы: не опрашивал брокер дольше тайм-аута сессии (%1 с); вступает в группу снова</translation>
    </message>
    <message>
        <source>lost %1: evicted from the group for not polling within its session timeout of %2 s; joining again</source>
        <translation>потеряны %1: исключён из группы, так как не опрашивал брокер дольше тайм-аута сессии (%2 с); вступает в группу снова</translation>
    </message>
    <message>
        <source>topic &apos;%1&apos; does not exist yet; waiting for it to be created</source>
        <translation>топика «%1» ещё нет; ждём, пока его создадут</translation>
    </message>
    <message>
        <source>stopped with its connection (a clean stop: it commits what it processed and leaves its group)</source>
        <translation>остановлен вместе со своим подключением (чистая остановка: коммитит обработанное и выходит из группы)</translation>
    </message>
    <message>
        <source>stopped: %1 (a clean stop: it commits what it processed and leaves its group)</source>
        <translation>остановлен: %1 (чистая остановка: коммитит обработанное и выходит из группы)</translation>
    </message>
    <message numerus="yes">
        <source>stopping the group: %n member(s) commit what they processed, then leave</source>
        <translation>
            <numerusform>остановка группы: %n участник коммитит обработанное, затем выходит</numerusform>
            <numerusform>остановка группы: %n участника коммитят обработанное, затем выходят</numerusform>
            <numerusform>остановка группы: %n участников коммитят обработанное, затем выходят</numerusform>
        </translation>
    </message>
    <message>
        <source>the group stopped: its member committed and left</source>
        <translation>группа остановлена: её участник закоммитил обработанное и вышел</translation>
    </message>
    <message>
        <source>the group stopped: both members committed and left together</source>
        <translation>группа остановлена: оба участника закоммитили обработанное и вышли вместе</translation>
    </message>
    <message numerus="yes">
        <source>the group stopped: all %n members committed and left together</source>
        <translation>
            <numerusform>группа остановлена: все %n участник закоммитили обработанное и вышли вместе</numerusform>
            <numerusform>группа остановлена: все %n участника закоммитили обработанное и вышли вместе</numerusform>
            <numerusform>группа остановлена: все %n участников закоммитили обработанное и вышли вместе</numerusform>
        </translation>
    </message>
    <message>
        <source>offset of %1 reset to %2</source>
        <translation>оффсет %1 сброшен на %2</translation>
    </message>
</context>
<context>
    <name>tidemark::ConsumerRunner</name>
    <message>
        <source>cannot create the consumer: %1</source>
        <translation>не удаётся создать консьюмера: %1</translation>
    </message>
    <message>
        <source>could not commit the revoked partitions (%1); their new owner resumes from the last commit</source>
        <translation>не удалось закоммитить отозванные партиции (%1); новый владелец продолжит с последнего коммита</translation>
    </message>
    <message>
        <source>commit failed: %1</source>
        <translation>коммит не удался: %1</translation>
    </message>
    <message>
        <source>committed %1</source>
        <translation>закоммичено: %1</translation>
    </message>
    <message>
        <source>committed %1 (%2)</source>
        <translation>закоммичено: %1 (%2)</translation>
    </message>
    <message>
        <source>resumes %1 at offset %2, the committed offset</source>
        <translation>продолжает %1 с оффсета %2 — закоммиченного</translation>
    </message>
    <message>
        <source>got %1, committed offset %2</source>
        <translation>получил %1, закоммиченный оффсет %2</translation>
    </message>
    <message>
        <source>starts %1 at offset %2 (nothing committed)</source>
        <translation>начинает %1 с оффсета %2 (коммитов нет)</translation>
    </message>
    <message>
        <source>got %1 (nothing committed yet)</source>
        <translation>получил %1 (коммитов пока нет)</translation>
    </message>
    <message>
        <source>partitions revoked</source>
        <translation>партиции отозваны</translation>
    </message>
    <message>
        <source>killed: no commit, no leave; records processed since the last commit, to be delivered again: %1</source>
        <translation>убит: без коммита и без выхода из группы; записи после последнего коммита будут доставлены снова: %1</translation>
    </message>
    <message>
        <source>clean stop</source>
        <translation>чистая остановка</translation>
    </message>
    <message>
        <source>stopped and left the group</source>
        <translation>остановлен и вышел из группы</translation>
    </message>
</context>
<context>
    <name>tidemark::ConsumerTreeModel</name>
    <message>
        <source>joining</source>
        <translation>вступает</translation>
    </message>
    <message>
        <source>running</source>
        <translation>работает</translation>
    </message>
    <message>
        <source>rebalancing</source>
        <translation>ребаланс</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>убит</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>сбой</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>простаивает</translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation>%1 (+%2)</translation>
    </message>
    <message>
        <source>%1 in group &apos;%2&apos; on %3
state: %4</source>
        <translation>%1 в группе «%2» на %3
состояние: %4</translation>
    </message>
    <message>
        <source>
no partition assigned: the group has more consumers than partitions</source>
        <translation>
партиций не досталось: в группе больше консьюмеров, чем партиций</translation>
    </message>
    <message>
        <source>
member %1, generation %2</source>
        <translation>
участник %1, поколение %2</translation>
    </message>
    <message>
        <source>
records delivered again after a kill or crash: %1</source>
        <translation>
записей доставлено повторно после убийства или сбоя: %1</translation>
    </message>
    <message>
        <source>
error: %1</source>
        <translation>
ошибка: %1</translation>
    </message>
    <message>
        <source>partition %1</source>
        <translation>партиция %1</translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation>Консьюмер</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Позиция</translation>
    </message>
    <message>
        <source>Committed</source>
        <translation>Коммит</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Лаг</translation>
    </message>
    <message>
        <source>Consumed</source>
        <translation>Прочитано</translation>
    </message>
    <message>
        <source>Next offset to process in the partition</source>
        <translation>Следующий оффсет к обработке в партиции</translation>
    </message>
    <message>
        <source>Committed offset: where the group resumes after a crash</source>
        <translation>Закоммиченный оффсет: отсюда группа продолжит после сбоя</translation>
    </message>
    <message>
        <source>%1 (+%2, %3 replayed)</source>
        <translation>%1 (+%2, повторено %3)</translation>
    </message>
    <message>
        <source>%1 (%2 replayed)</source>
        <translation>%1 (повторено %2)</translation>
    </message>
    <message>
        <source>
records replayed after an offset reset (read again on purpose): %1</source>
        <translation>
записей повторено после сброса оффсетов (прочитаны снова намеренно): %1</translation>
    </message>
    <message>
        <source>Records processed; (+N): of them delivered again after a kill; (N replayed): read again after an offset reset</source>
        <translation>Обработано записей; (+N): из них доставлено повторно после убийства консьюмера; (повторено N): прочитано снова после сброса оффсетов</translation>
    </message>
    <message>
        <source>killed · %1 s</source>
        <translation>убит · %1 с</translation>
    </message>
    <message>
        <source>
keeps its partitions until its session timeout runs out, in %1 s; then the group hands them over</source>
        <translation>
сохраняет свои партиции, пока не истечёт тайм-аут сессии, ещё %1 с; затем группа передаст их другим</translation>
    </message>
    <message>
        <source>timed out · rebalancing</source>
        <translation>сессия истекла · ребаланс</translation>
    </message>
    <message>
        <source>
its session timed out: the group is rebalancing, another member takes its partitions over</source>
        <translation>
его сессия истекла: группа в ребалансе, другой участник подхватывает его партиции</translation>
    </message>
    <message>
        <source>
%1: end of the partition %2, committed offset %3</source>
        <translation>
%1: конец партиции %2, закоммиченный оффсет %3</translation>
    </message>
    <message>
        <source>Lag unknown: nothing committed yet</source>
        <translation>Лаг неизвестен: ещё ничего не закоммичено</translation>
    </message>
    <message>
        <source>Lag %1: records after the group&apos;s committed offset</source>
        <translation>Лаг %1: записи после закоммиченного оффсета группы</translation>
    </message>
    <message>
        <source>
not read yet by %1: %2 (after its position)</source>
        <translation>
ещё не прочитано %1: %2 (после его позиции)</translation>
    </message>
    <message>
        <source>Lag: end of the partition minus the group&apos;s committed offset, as Kafka counts it (the records the group would read if it resumed now). The tooltip of a cell also says how many the consumer has not read yet (end minus position)</source>
        <translation>Лаг: конец партиции минус закоммиченный оффсет группы, как считает Kafka (записи, которые группа прочитает, если продолжит сейчас). Подсказка ячейки также говорит, сколько консьюмер ещё не прочитал (конец минус позиция)</translation>
    </message>
    <message numerus="yes">
        <source>its membership before the restart was killed and still holds %1: nobody reads it for %n more s (its session timeout), then the group hands it over</source>
        <translation>
            <numerusform>прежний, убитый участник (до перезапуска) ещё держит %1 — никто не читает ещё %n секунду (тайм-аут сессии), затем группа передаст другому</numerusform>
            <numerusform>прежний, убитый участник (до перезапуска) ещё держит %1 — никто не читает ещё %n секунды (тайм-аут сессии), затем группа передаст другому</numerusform>
            <numerusform>прежний, убитый участник (до перезапуска) ещё держит %1 — никто не читает ещё %n секунд (тайм-аут сессии), затем группа передаст другому</numerusform>
        </translation>
    </message>
    <message>
        <source>its killed membership&apos;s session is over: the group is rebalancing, a member takes %1 over now</source>
        <translation>сессия прежнего, убитого участника истекла: группа в ребалансе, участник сейчас подхватит %1</translation>
    </message>
    <message>
        <source>%1 before its restart: %2</source>
        <translation>%1 до перезапуска: %2</translation>
    </message>
    <message>
        <source>%1 held by %2 · %3</source>
        <comment>partition 2 held by billing #2 (old) · killed · 4 s</comment>
        <translation>%1: держит %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>
the group waits for %1&apos;s killed membership (before its restart): it holds %2 for %n more s (its session timeout), then the group hands it over</source>
        <translation>
            <numerusform>
группа ждёт прежнего, убитого участника %1 (до перезапуска): он держит %2 ещё %n секунду (тайм-аут сессии), затем группа передаст их</numerusform>
            <numerusform>
группа ждёт прежнего, убитого участника %1 (до перезапуска): он держит %2 ещё %n секунды (тайм-аут сессии), затем группа передаст их</numerusform>
            <numerusform>
группа ждёт прежнего, убитого участника %1 (до перезапуска): он держит %2 ещё %n секунд (тайм-аут сессии), затем группа передаст их</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tidemark::ConsumersPanel</name>
    <message>
        <source>Start</source>
        <translation>Запустить</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Убить</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Перезапуск</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Группа:</translation>
    </message>
    <message>
        <source>Consumers in one group share the partitions; each group reads everything</source>
        <translation>Консьюмеры одной группы делят партиции между собой; каждая группа читает всё</translation>
    </message>
    <message>
        <source>How many consumers to start in the group</source>
        <translation>Сколько консьюмеров запустить в группе</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>без лимита</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> /с</translation>
    </message>
    <message>
        <source>Records per second each consumer processes; slow consumers make lag and hand-over visible</source>
        <translation>Сколько записей в секунду обрабатывает каждый консьюмер; медленные консьюмеры делают лаг и передачу партиций заметными</translation>
    </message>
    <message>
        <source>Start consumers in the group on the selected topic (Ctrl+Shift+N)</source>
        <translation>Запустить консьюмеров группы на выбранном топике (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Commit what it processed and leave the group (Ctrl+Shift+S)</source>
        <translation>Закоммитить обработанное и выйти из группы (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Hard stop: no commit, no leave. The group notices after the session timeout and re-delivers what was not committed (Ctrl+Shift+K)</source>
        <translation>Жёсткая остановка: без коммита и без выхода из группы. Группа заметит это по тайм-ауту сессии и доставит незакоммиченное заново (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <source>Start it again: it resumes from the group&apos;s committed offsets (Ctrl+Shift+R)</source>
        <translation>Запустить снова: консьюмер продолжит с закоммиченных оффсетов группы (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Connect to a broker to start consumers.</source>
        <translation>Подключитесь к брокеру, чтобы запускать консьюмеров.</translation>
    </message>
    <message>
        <source>Select a topic: consumers subscribe to it.</source>
        <translation>Выберите топик: консьюмеры подпишутся на него.</translation>
    </message>
    <message>
        <source>Start a group on &apos;%1&apos;. Two or more consumers share its partitions.</source>
        <translation>Запустите группу на «%1». Два консьюмера и больше делят его партиции.</translation>
    </message>
    <message>
        <source>Consumer groups</source>
        <translation>Группы консьюмеров</translation>
    </message>
    <message>
        <source>Consumer groups of &apos;%1&apos;: %2</source>
        <translation>Группы консьюмеров «%1»: %2</translation>
    </message>
    <message>
        <source>Consumer groups of &apos;%1&apos;: loading…</source>
        <translation>Группы консьюмеров «%1»: загрузка…</translation>
    </message>
    <message>
        <source>Consumer groups of &apos;%1&apos;: none yet</source>
        <translation>Группы консьюмеров «%1»: пока нет</translation>
    </message>
    <message>
        <source>Consumer groups of &apos;%1&apos;</source>
        <translation>Группы консьюмеров «%1»</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Все группы</translation>
    </message>
    <message>
        <source>All groups (%1)</source>
        <translation>Все группы (%1)</translation>
    </message>
    <message>
        <source>In this app (%1)</source>
        <translation>В приложении (%1)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>session </source>
        <translation>сессия </translation>
    </message>
    <message>
        <source>Session timeout of the consumers you start: a killed consumer keeps its partitions this long before the group hands them over (Kafka&apos;s session.timeout.ms)</source>
        <translation>Тайм-аут сессии запускаемых консьюмеров: убитый консьюмер сохраняет свои партиции столько времени, прежде чем группа передаст их другим</translation>
    </message>
    <message numerus="yes">
        <source>%1 read %2 records again after the offset reset: a replay, not a redelivery.</source>
        <translation>
            <numerusform>%1 прочитал заново %2 запись после сброса оффсета — это повтор, а не повторная доставка.</numerusform>
            <numerusform>%1 прочитал заново %2 записи после сброса оффсета — это повтор, а не повторная доставка.</numerusform>
            <numerusform>%1 прочитал заново %2 записей после сброса оффсета — это повтор, а не повторная доставка.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was killed: it keeps %2 for %3 s more (its session timeout), then the group hands them over.</source>
        <translation>%1 убит: он держит %2 ещё %3 с (тайм-аут сессии), затем группа передаст их другому.</translation>
    </message>
    <message>
        <source>Kill one (Ctrl+Shift+K): after its session timeout, others take its partitions and uncommitted records.</source>
        <translation>Убейте одного (Ctrl+Shift+K): после тайм-аута сессии его партиции и незакоммиченное возьмут другие.</translation>
    </message>
    <message>
        <source>%1&apos;s session timed out: the group is rebalancing, another member takes %2 over now.</source>
        <translation>Сессия %1 истекла: группа в ребалансе, другой участник сейчас подхватит %2.</translation>
    </message>
    <message>
        <source>No consumer runs: restart one (Ctrl+Shift+R) or start a group on &apos;%1&apos;.</source>
        <translation>Ни один консьюмер не работает: перезапустите одного (Ctrl+Shift+R) или запустите группу на «%1».</translation>
    </message>
    <message numerus="yes">
        <source>%1 got %2 records again after %3 was killed: processed, but never committed.</source>
        <translation>
            <numerusform>%1 получил повторно %2 запись после убийства %3 — обработана, но не закоммичена.</numerusform>
            <numerusform>%1 получил повторно %2 записи после убийства %3 — обработаны, но не закоммичены.</numerusform>
            <numerusform>%1 получил повторно %2 записей после убийства %3 — обработаны, но не закоммичены.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 took %2 over from %3: what %3 processed but never committed comes again.</source>
        <translation>%1 подхватил %2 у %3 и прочтёт заново то, что %3 обработал, но не закоммитил.</translation>
    </message>
    <message>
        <source>%1 restarted: it resumes at the committed offset.</source>
        <translation>%1 перезапущен: он продолжит с закоммиченного оффсета.</translation>
    </message>
    <message>
        <source>%1 replays %2: the group&apos;s committed offset was reset.</source>
        <translation>%1 переигрывает %2: закоммиченный оффсет группы сброшен.</translation>
    </message>
    <message>
        <source>The group %1&apos;s offsets were reset: start it again to replay from there.</source>
        <translation>Оффсеты группы %1 сброшены: запустите её снова, чтобы перечитать записи с этого места.</translation>
    </message>
    <message>
        <source>%1 came back too soon: its killed membership keeps %2 for %3 s more.</source>
        <translation>%1 вернулся слишком рано: его прежний, убитый участник держит %2 ещё %3 с.</translation>
    </message>
    <message>
        <source>%1&apos;s killed membership timed out: the group is rebalancing, a member takes %2 over now.</source>
        <translation>Сессия прежнего, убитого участника %1 истекла: группа в ребалансе, участник сейчас подхватит %2.</translation>
    </message>
    <message>
        <source>Stop it if running and remove it from the list (Delete)</source>
        <translation>Остановить, если работает, и убрать из списка (Delete)</translation>
    </message>
    <message>
        <source>Remove stopped</source>
        <translation>Убрать остановленные</translation>
    </message>
    <message numerus="yes">
        <source>Remove the %n consumers that no longer run from the list: stopped, failed, or killed and handed over (Ctrl+Delete in the list). The running ones stay.</source>
        <translation>
            <numerusform>Убрать из списка %n консьюмер, который больше не работает: остановленный, упавший или убитый и уже сменённый (Ctrl+Delete в списке). Работающие останутся.</numerusform>
            <numerusform>Убрать из списка %n консьюмера, которые больше не работают: остановленные, упавшие или убитые и уже сменённые (Ctrl+Delete в списке). Работающие останутся.</numerusform>
            <numerusform>Убрать из списка %n консьюмеров, которые больше не работают: остановленные, упавшие или убитые и уже сменённые (Ctrl+Delete в списке). Работающие останутся.</numerusform>
        </translation>
    </message>
    <message>
        <source>The group %1&apos;s offsets were moved ahead: start it again to resume there, skipping records.</source>
        <translation>Оффсеты группы %1 сдвинуты вперёд: запустите её снова, чтобы продолжить оттуда, пропустив записи.</translation>
    </message>
    <message>
        <source>Waiting %2 s for %1 to time out: it was killed and keeps %3 until then.</source>
        <translation>Ждём %2 с, пока у %1 истечёт сессия: он убит и до тех пор держит %3.</translation>
    </message>
    <message>
        <source>Waiting %2 s for %1 to time out: they were killed and keep %3 until then.</source>
        <translation>Ждём %2 с, пока у %1 истекут сессии: они убиты и до тех пор держат %3.</translation>
    </message>
    <message>
        <source>%1 no longer runs: Restart (Ctrl+Shift+R) resumes it at the group&apos;s committed offset.</source>
        <translation>%1 больше не работает: «Перезапуск» (Ctrl+Shift+R) продолжит его с закоммиченного оффсета группы.</translation>
    </message>
    <message>
        <source>%1 took %2 from %3: all committed, nothing read twice.</source>
        <translation>%1 подхватил %2 у %3: всё закоммичено.</translation>
    </message>
</context>
<context>
    <name>tidemark::CreateTopicDialog</name>
    <message>
        <source>New Topic</source>
        <translation>Новый топик</translation>
    </message>
    <message>
        <source>e.g. orders</source>
        <translation>например, orders</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>Records with the same key always land in the same partition</source>
        <translation>Записи с одинаковым ключом всегда попадают в одну партицию</translation>
    </message>
    <message>
        <source>&amp;Partitions:</source>
        <translation>&amp;Партиций:</translation>
    </message>
    <message>
        <source>How many brokers keep a copy of each partition</source>
        <translation>Сколько брокеров хранят копию каждой партиции</translation>
    </message>
    <message>
        <source>The built-in broker keeps one copy</source>
        <translation>Встроенный брокер хранит одну копию</translation>
    </message>
    <message>
        <source>&amp;Replication factor:</source>
        <translation>&amp;Фактор репликации:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Создать</translation>
    </message>
    <message>
        <source>Use only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Только латинские буквы, цифры, «.», «_» и «-».</translation>
    </message>
    <message>
        <source>&apos;.&apos; and &apos;..&apos; are not topic names.</source>
        <translation>«.» и «..» не могут быть именами топиков.</translation>
    </message>
</context>
<context>
    <name>tidemark::Error</name>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Invalid argument</source>
        <translation>Неверный аргумент</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Не найдено</translation>
    </message>
    <message>
        <source>Already exists</source>
        <translation>Уже существует</translation>
    </message>
    <message>
        <source>Corrupt data</source>
        <translation>Повреждённые данные</translation>
    </message>
    <message>
        <source>I/O error</source>
        <translation>Ошибка ввода-вывода</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Недоступно</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Истекло время ожидания</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Конфликт</translation>
    </message>
    <message>
        <source>Unsupported</source>
        <translation>Не поддерживается</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
</context>
<context>
    <name>tidemark::EventLog</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1 на %2</translation>
    </message>
    <message>
        <source>committed %1</source>
        <translation>закоммичено: %1</translation>
    </message>
    <message>
        <source>committed %1 (%2)</source>
        <translation>закоммичено: %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln commits</source>
        <translation>
            <numerusform>%1 · %Ln коммит</numerusform>
            <numerusform>%1 · %Ln коммита</numerusform>
            <numerusform>%1 · %Ln коммитов</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tidemark::EventLogModel</name>
    <message>
        <source>Info</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Produce</source>
        <translation>Отправка</translation>
    </message>
    <message>
        <source>Rebalance</source>
        <translation>Ребалансировка</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Коммит</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
</context>
<context>
    <name>tidemark::EventsPane</name>
    <message>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Choose which kinds of events are listed</source>
        <translation>Какие события показывать</translation>
    </message>
    <message>
        <source>Rebalances</source>
        <translation>Ребалансировки</translation>
    </message>
    <message>
        <source>Commits</source>
        <translation>Коммиты</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Отправка</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>Other (connections, topics, consumers)</source>
        <translation>Прочее (подключения, топики, консьюмеры)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Clear the event log</source>
        <translation>Очистить журнал событий</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>Событий: %1</translation>
    </message>
    <message>
        <source>%1 listed, %2 in the log</source>
        <translation>показано %1, в журнале %2</translation>
    </message>
    <message>
        <source>New events ↓</source>
        <translation>Новые события ↓</translation>
    </message>
    <message>
        <source>Jump to the newest event and follow the new ones again</source>
        <translation>Перейти к последнему событию и снова следить за новыми</translation>
    </message>
</context>
<context>
    <name>tidemark::GroupTreeModel</name>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Committed</source>
        <translation>Коммит</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Лаг</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>стабильна</translation>
    </message>
    <message>
        <source>preparing rebalance</source>
        <translation>готовит ребаланс</translation>
    </message>
    <message>
        <source>completing rebalance</source>
        <translation>завершает ребаланс</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>пуста</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>удалена</translation>
    </message>
    <message>
        <source>
no live member: its committed offsets stay where it resumes</source>
        <translation>
нет живых участников: закоммиченные смещения остаются там, откуда группа продолжит</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>client %1 on %2
member %3
assigned: %4</source>
        <translation>клиент %1 на %2
участник %3
назначены: %4</translation>
    </message>
    <message>
        <source>partition %1</source>
        <translation>партиция %1</translation>
    </message>
    <message>
        <source>no owner</source>
        <translation>без владельца</translation>
    </message>
    <message>
        <source>%1[%2]: committed %3, end %4</source>
        <translation>%1[%2]: коммит %3, конец %4</translation>
    </message>
    <message>
        <source>Records after the committed offset</source>
        <translation>Записи после закоммиченного смещения</translation>
    </message>
    <message>
        <source>%1 (generation %2)</source>
        <translation>%1 (поколение %2)</translation>
    </message>
    <message>
        <source>group &apos;%1&apos;: %2, generation %3, assignor %4, members: %5</source>
        <translation>группа «%1»: %2, поколение %3, распределитель %4, участников: %5</translation>
    </message>
    <message numerus="yes">
        <source>committed offsets on %1 of %2 partitions</source>
        <translation>
            <numerusform>закоммиченные оффсеты на %1 из %2 партиции</numerusform>
            <numerusform>закоммиченные оффсеты на %1 из %2 партиций</numerusform>
            <numerusform>закоммиченные оффсеты на %1 из %2 партиций</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>client id (host)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>no partitions</source>
        <translation>нет партиций</translation>
    </message>
    <message>
        <source>A group with its generation; under it its members (client id and host), under each member the partitions assigned to it</source>
        <translation>Группа и её поколение; под ней участники (client id и хост), под каждым участником — назначенные ему партиции</translation>
    </message>
    <message>
        <source>The group&apos;s state at the broker</source>
        <translation>Состояние группы на брокере</translation>
    </message>
    <message>
        <source>Committed offset of each partition: where the group resumes it</source>
        <translation>Закоммиченный оффсет каждой партиции: с него группа продолжит её чтение</translation>
    </message>
</context>
<context>
    <name>tidemark::HeadersEditor</name>
    <message>
        <source>Add header</source>
        <translation>Добавить заголовок</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Null</source>
        <translation>Null</translation>
    </message>
    <message>
        <source>Send the header with a null value (no value at all), which is not the same as an empty one</source>
        <translation>Отправить заголовок со значением null (без значения вообще): это не то же самое, что пустое значение</translation>
    </message>
    <message>
        <source>Record headers</source>
        <translation>Заголовки записи</translation>
    </message>
    <message>
        <source>Add a header (Insert in the table)</source>
        <translation>Добавить заголовок (Insert в таблице)</translation>
    </message>
    <message>
        <source>Remove the selected header (Delete in the table)</source>
        <translation>Убрать выбранный заголовок (Delete в таблице)</translation>
    </message>
    <message>
        <source>Header %1 has no name: type one, or remove the row.</source>
        <translation>У заголовка %1 нет имени: введите его или уберите строку.</translation>
    </message>
</context>
<context>
    <name>tidemark::KafkaProfile</name>
    <message>
        <source>Local cluster (compose)</source>
        <translation>Локальный кластер (compose)</translation>
    </message>
</context>
<context>
    <name>tidemark::KafkaProfilesDialog</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>Про&amp;верить подключение</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>Kafka Profiles</source>
        <translation>Профили Kafka</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <source>CA certificate file (SSL)</source>
        <translation>файл сертификата CA (SSL)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Bootstrap servers:</source>
        <translation>&amp;Bootstrap-серверы:</translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation>ID &amp;клиента:</translation>
    </message>
    <message>
        <source>&amp;Security:</source>
        <translation>&amp;Безопасность:</translation>
    </message>
    <message>
        <source>SASL &amp;mechanism:</source>
        <translation>&amp;Механизм SASL:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Пользователь:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <source>No keychain is available: the password is kept only for this session and never written to disk. You will be asked again after a restart.</source>
        <translation>Связки ключей нет: пароль хранится только до конца сеанса и никогда не пишется на диск. После перезапуска его спросят снова.</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>&amp;Файл CA:</translation>
    </message>
    <message>
        <source>Connect &amp;timeout:</source>
        <translation>&amp;Тайм-аут подключения:</translation>
    </message>
    <message>
        <source>Every profile needs a name.</source>
        <translation>У каждого профиля должно быть имя.</translation>
    </message>
    <message>
        <source>Two profiles are called &apos;%1&apos;.</source>
        <translation>Два профиля называются «%1».</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has no bootstrap servers.</source>
        <translation>В профиле «%1» не указаны bootstrap-серверы.</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Новый профиль</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Проверка %1…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Не удалось. %1</translation>
    </message>
    <message>
        <source>OK: cluster %1, brokers: %2</source>
        <translation>Готово: кластер %1, брокеров: %2</translation>
    </message>
    <message>
        <source>host1:9092,host2:9092</source>
        <translation>хост1:9092,хост2:9092</translation>
    </message>
    <message>
        <source>&amp;Verify the broker&apos;s host name</source>
        <translation>Проверять им&amp;я хоста брокера</translation>
    </message>
    <message>
        <source>client certificate, for mutual TLS</source>
        <translation>клиентский сертификат, для взаимной проверки SSL</translation>
    </message>
    <message>
        <source>its private key</source>
        <translation>его закрытый ключ</translation>
    </message>
    <message>
        <source>Certificate fi&amp;le:</source>
        <translation>Фай&amp;л сертификата:</translation>
    </message>
    <message>
        <source>Private ke&amp;y file:</source>
        <translation>Файл кл&amp;юча:</translation>
    </message>
    <message>
        <source>Save the passwords in the system &amp;keychain</source>
        <translation>Сохранить пароли в системной &amp;связке ключей</translation>
    </message>
    <message>
        <source>only if the private key is encrypted</source>
        <translation>только если закрытый ключ зашифрован</translation>
    </message>
    <message>
        <source>Without the box ticked, the passwords are kept for this session only.</source>
        <translation>Без этой отметки пароли хранятся только до конца сеанса.</translation>
    </message>
    <message>
        <source>Key pass&amp;word:</source>
        <translation>Пароль клю&amp;ча:</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>What the Kafka client library reported, word for word</source>
        <translation>Что сообщила клиентская библиотека Kafka, дословно</translation>
    </message>
</context>
<context>
    <name>tidemark::KafkaSecurity</name>
    <message>
        <source>The Kafka broker %1 refused the user name or password (SASL %2): check the user name and the password of the profile (the broker does not say which of the two is wrong).</source>
        <translation>Брокер Kafka %1 не принял имя пользователя или пароль (SASL %2): проверьте имя пользователя и пароль в профиле (брокер не говорит, что из двух неверно).</translation>
    </message>
    <message>
        <source>The Kafka broker %1 does not accept the SASL mechanism %2 (it offers: %3): choose one of those in the profile.</source>
        <translation>Брокер Kafka %1 не принимает механизм SASL %2 (он предлагает: %3): выберите в профиле один из них.</translation>
    </message>
    <message>
        <source>The certificate of the Kafka broker %1 is not signed by a CA the profile trusts: check the profile&apos;s CA certificate file (%2).</source>
        <translation>Сертификат брокера Kafka %1 подписан не тем удостоверяющим центром (CA), которому доверяет профиль: проверьте файл сертификата CA в профиле (%2).</translation>
    </message>
    <message>
        <source>The certificate of the Kafka broker %1 is not made for the host name %2: connect with a host name the certificate names, or (on a test cluster only) turn off host name verification in the profile.</source>
        <translation>Сертификат брокера Kafka %1 выдан не на имя хоста %2: подключайтесь по имени, указанному в сертификате, или (только на тестовом кластере) отключите проверку имени хоста в профиле.</translation>
    </message>
    <message>
        <source>The certificate of the Kafka broker %1 has expired or is not valid yet: check the broker&apos;s certificate and this computer&apos;s clock.</source>
        <translation>Срок действия сертификата брокера Kafka %1 истёк или ещё не начался: проверьте сертификат брокера и часы этого компьютера.</translation>
    </message>
    <message>
        <source>The Kafka broker %1 refused the client certificate of the profile (%2): check that the certificate and key files belong together, have not expired and are signed by a CA the broker trusts.</source>
        <translation>Брокер Kafka %1 не принял клиентский сертификат профиля (%2): проверьте, что сертификат и ключ составляют пару, срок действия сертификата не истёк и он подписан удостоверяющим центром (CA), которому доверяет брокер.</translation>
    </message>
    <message>
        <source>The client certificate %1 of the profile expired on %2: the broker will refuse it; get a new certificate.</source>
        <translation>Срок действия клиентского сертификата профиля %1 истёк %2: брокер его не примет; получите новый сертификат.</translation>
    </message>
    <message>
        <source>The Kafka broker %1 did not answer the TLS handshake: the port is probably a PLAINTEXT or SASL_PLAINTEXT listener; check the profile&apos;s security protocol and port.</source>
        <translation>Брокер Kafka %1 не ответил на TLS-рукопожатие: вероятно, это порт PLAINTEXT или SASL_PLAINTEXT; проверьте протокол безопасности и порт в профиле.</translation>
    </message>
    <message>
        <source>The Kafka broker %1 closed the connection before answering: the port probably expects TLS; check the profile&apos;s security protocol (SSL or SASL_SSL) and port.</source>
        <translation>Брокер Kafka %1 закрыл соединение, не ответив: вероятно, порт ожидает TLS; проверьте протокол безопасности (SSL или SASL_SSL) и порт в профиле.</translation>
    </message>
    <message>
        <source>Warning: the profile %1 does not check that the broker&apos;s certificate names the broker&apos;s host: anyone who can intercept the connection can pretend to be the broker. Use this on test clusters only.</source>
        <translation>Внимание: профиль %1 не проверяет, что сертификат брокера выдан на имя его хоста: тот, кто может перехватить соединение, может выдать себя за брокер. Используйте это только на тестовых кластерах.</translation>
    </message>
    <message>
        <source>Note: librdkafka %1 cannot log in with SCRAM to Kafka 4.0 or newer brokers (fixed in librdkafka 2.6.1); with such a broker use PLAIN over SASL_SSL or a newer librdkafka.</source>
        <translation>Примечание: librdkafka %1 не может войти по SCRAM на брокеры Kafka 4.0 и новее (исправлено в librdkafka 2.6.1); с таким брокером используйте PLAIN поверх SASL_SSL или более новую librdkafka.</translation>
    </message>
    <message>
        <source>The file %1 of the profile cannot be read: check its name and permissions.</source>
        <translation>Файл профиля %1 не читается: проверьте его имя и права доступа.</translation>
    </message>
    <message>
        <source>Warning: the private key %1 can be read by every user of this computer: make it readable by you only (chmod 600).</source>
        <translation>Внимание: закрытый ключ %1 может прочитать любой пользователь этого компьютера: сделайте его доступным только вам (chmod 600).</translation>
    </message>
    <message>
        <source>The private key %1 is encrypted and the profile has no key password: enter the key&apos;s password in the profile.</source>
        <translation>Закрытый ключ %1 зашифрован, а в профиле нет пароля ключа: введите пароль ключа в профиле.</translation>
    </message>
    <message>
        <source>The key password of the profile does not decrypt the private key %1: check the key password.</source>
        <translation>Пароль ключа из профиля не расшифровывает закрытый ключ %1: проверьте пароль ключа.</translation>
    </message>
    <message>
        <source>Warning: -X %1=... puts a secret on the command line (the process list and the shell history show it); prefer --password-env VAR for the SASL password and --key-password-env VAR for the key&apos;s.</source>
        <translation>Внимание: -X %1=... передаёт секрет в командной строке (его видно в списке процессов и в истории оболочки); для пароля SASL используйте --password-env VAR, для пароля ключа — --key-password-env VAR.</translation>
    </message>
    <message>
        <source>Warning: the profile %1 keeps a secret in its extra librdkafka setting %2, which the settings file holds in plain text; use the profile&apos;s password fields instead.</source>
        <translation>Внимание: профиль %1 хранит секрет в дополнительной настройке librdkafka %2, а файл настроек держит её открытым текстом; используйте поля паролей профиля.</translation>
    </message>
    <message>
        <source>Warning: the profile %1 does not verify the broker&apos;s certificate at all (enable.ssl.certificate.verification=false): anyone who can intercept the connection can pretend to be the broker. Use this on test clusters only.</source>
        <translation>Внимание: профиль %1 вообще не проверяет сертификат брокера (enable.ssl.certificate.verification=false): тот, кто может перехватить соединение, может выдать себя за брокер. Используйте это только на тестовых кластерах.</translation>
    </message>
</context>
<context>
    <name>tidemark::LagHistoryChart</name>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 дн.</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Последний час</translation>
    </message>
    <message>
        <source>Last 6 hours</source>
        <translation>Последние 6 часов</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Последние сутки</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Последняя неделя</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Записи</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Time: the age of the oldest unconsumed record, estimated from the recorded log ends (to the sampling interval, 10 s; coarser for older history).</source>
        <translation>Время: возраст самой старой непрочитанной записи, оценённый по записанным концам лога (с точностью до интервала опроса, 10 с; для старой истории грубее).</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Save the lag history of every group as CSV or JSON lines</source>
        <translation>Сохранить историю лага всех групп в CSV или JSON lines</translation>
    </message>
    <message>
        <source>Consumer group (every group on the broker is recorded, also those this app does not run)</source>
        <translation>Группа консьюмеров (записываются все группы брокера, и те, что запущены не этим приложением)</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Нет подключения.</translation>
    </message>
    <message>
        <source>Loading the lag history…</source>
        <translation>Загрузка истории лага…</translation>
    </message>
    <message>
        <source>No consumer group recorded yet. Every group on the broker is sampled every 10 s and kept for 7 days.</source>
        <translation>Ни одной группы консьюмеров ещё не записано. Все группы брокера опрашиваются каждые 10 с и хранятся 7 дней.</translation>
    </message>
    <message>
        <source>%.0f s</source>
        <translation>%.0f с</translation>
    </message>
    <message>
        <source>No samples of %1 in this range.</source>
        <translation>Нет замеров группы %1 в этом интервале.</translation>
    </message>
    <message>
        <source>Lag now: %1 records</source>
        <translation>Лаг сейчас (записей): %1</translation>
    </message>
    <message>
        <source>oldest unconsumed record at least %1 old</source>
        <translation>самой старой непрочитанной записи не меньше %1</translation>
    </message>
    <message>
        <source>oldest unconsumed record about %1 old</source>
        <translation>самой старой непрочитанной записи около %1</translation>
    </message>
    <message>
        <source>trend: not enough samples yet</source>
        <translation>тренд: пока мало замеров</translation>
    </message>
    <message>
        <source>caught up</source>
        <translation>догнала</translation>
    </message>
    <message>
        <source>falling %1 records/s</source>
        <translation>падает на %1 записей/с</translation>
    </message>
    <message>
        <source>caught up in about %1 (at %2) at this rate</source>
        <translation>догонит примерно через %1 (в %2) при этой скорости</translation>
    </message>
    <message>
        <source>rising %1 records/s: not catching up</source>
        <translation>растёт на %1 записей/с: не догоняет</translation>
    </message>
    <message>
        <source>steady: not catching up</source>
        <translation>не меняется: не догоняет</translation>
    </message>
    <message>
        <source>Export Lag History</source>
        <translation>Экспорт истории лага</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON lines (*.jsonl)</source>
        <translation>CSV (*.csv);;JSON lines (*.jsonl)</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>Lag history exported: %1 lines to %2</source>
        <translation>История лага экспортирована: строк %1, файл %2</translation>
    </message>
</context>
<context>
    <name>tidemark::LessonStrip</name>
    <message>
        <source>Lesson complete</source>
        <translation>Урок пройден</translation>
    </message>
    <message>
        <source>Lesson %1/%2</source>
        <translation>Урок %1/%2</translation>
    </message>
    <message>
        <source>Start with one click: a topic &apos;orders&apos; with 3 partitions and a first order keyed by its user id.</source>
        <translation>Начните одним щелчком: топик «orders» из 3 партиций и первый заказ с ключом — id пользователя.</translation>
    </message>
    <message>
        <source>Send an order (Ctrl+Return): its key, the user id, decides its partition.</source>
        <translation>Отправьте заказ (Ctrl+Return): его ключ, id пользователя, выбирает партицию.</translation>
    </message>
    <message>
        <source>Next: generate orders (Ctrl+G) and watch the keys spread them over the 3 partitions.</source>
        <translation>Дальше: сгенерируйте заказы (Ctrl+G) и посмотрите, как ключи раскладывают их по 3 партициям.</translation>
    </message>
    <message>
        <source>Next: start a group of 2 consumers (Ctrl+Shift+N): the group shares the partitions.</source>
        <translation>Дальше: запустите группу из 2 консьюмеров (Ctrl+Shift+N): группа делит партиции.</translation>
    </message>
    <message>
        <source>It came back before its session ran out. Kill a consumer again (Ctrl+Shift+K) and wait.</source>
        <translation>Он вернулся раньше, чем истекла сессия. Убейте консьюмера снова (Ctrl+Shift+K) и подождите.</translation>
    </message>
    <message>
        <source>Next: select a consumer and kill it (Ctrl+Shift+K): no commit, no goodbye to the group.</source>
        <translation>Дальше: выберите консьюмера и убейте его (Ctrl+Shift+K): без коммита и без прощания с группой.</translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partitions until its session times out (%2 s left); then the other member takes them over.</source>
        <translation>Смотрите: %1 держит свои партиции, пока не истечёт его сессия (осталось %2 с); затем их подхватит другой участник.</translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partitions until its session times out; then the other member takes them over.</source>
        <translation>Смотрите: %1 держит свои партиции, пока не истечёт его сессия; затем их подхватит другой участник.</translation>
    </message>
    <message>
        <source>The group took over. Next: restart %1 (Ctrl+Shift+R): it resumes at the committed offset.</source>
        <translation>Группа подхватила партиции. Дальше: перезапустите %1 (Ctrl+Shift+R): он продолжит с закоммиченного оффсета.</translation>
    </message>
    <message>
        <source>You saw keys, partitions, a group, a takeover, a restart and a replay.</source>
        <translation>Вы увидели ключи, партиции, группу, подхват, перезапуск и повтор.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Create &apos;orders&apos; and Send an Order</source>
        <translation>Создать «orders» и отправить заказ</translation>
    </message>
    <message>
        <source>Hide the lesson for good (Help ▸ Show the Lesson brings it back)</source>
        <translation>Скрыть урок насовсем (Справка ▸ Показать урок вернёт его)</translation>
    </message>
    <message>
        <source>Watch: %1&apos;s session timed out; the group is rebalancing and the other member takes its partitions over.</source>
        <translation>Смотрите: сессия %1 истекла; группа в ребалансе, и другой участник подхватывает его партиции.</translation>
    </message>
    <message>
        <source>Next: start the group %1 again (Ctrl+Shift+N), select a consumer and kill it (Ctrl+Shift+K).</source>
        <translation>Дальше: снова запустите группу %1 (Ctrl+Shift+N), выберите консьюмера и убейте его (Ctrl+Shift+K).</translation>
    </message>
    <message>
        <source>The group took over. Next: start the group %1 again (Ctrl+Shift+N): it resumes at the committed offset.</source>
        <translation>Группа подхватила партиции. Дальше: снова запустите группу %1 (Ctrl+Shift+N) — она продолжит с закоммиченного оффсета.</translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partition until its session times out (%2 s left); then the other member takes it over.</source>
        <translation>Смотрите: %1 держит свою партицию, пока не истечёт его сессия (осталось %2 с); затем её подхватит другой участник.</translation>
    </message>
    <message>
        <source>Watch: %1&apos;s session timed out; the group is rebalancing and the other member takes its partition over.</source>
        <translation>Смотрите: сессия %1 истекла; группа в ребалансе, и другой участник подхватывает его партицию.</translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partition until its session times out; then the other member takes it over.</source>
        <translation>Смотрите: %1 держит свою партицию, пока не истечёт его сессия; затем её подхватит другой участник.</translation>
    </message>
    <message>
        <source>Last: drag the committed offset back on the timeline, stop the group when asked, Reset, start again: a replay.</source>
        <translation>Напоследок: перетащите оффсет группы назад на таймлайне, остановите группу по запросу, сбросьте и запустите снова: повтор.</translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partition, but no other member of %2 runs to take it over: restart one (Ctrl+Shift+R) to see the takeover.</source>
        <translation>Смотрите: %1 держит свою партицию, но другого работающего участника %2 нет, подхватить её некому: перезапустите одного (Ctrl+Shift+R), чтобы увидеть передачу.</translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partitions, but no other member of %2 runs to take them over: restart one (Ctrl+Shift+R) to see the takeover.</source>
        <translation>Смотрите: %1 держит свои партиции, но другого работающего участника %2 нет, подхватить их некому: перезапустите одного (Ctrl+Shift+R), чтобы увидеть передачу.</translation>
    </message>
</context>
<context>
    <name>tidemark::MainWindow</name>
    <message numerus="yes">
        <source>%1: %2 records</source>
        <translation>
            <numerusform>%1: %2 запись</numerusform>
            <numerusform>%1: %2 записи</numerusform>
            <numerusform>%1: %2 записей</numerusform>
        </translation>
    </message>
    <message>
        <source>Tidemark</source>
        <translation>Tidemark</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <source>Waiting for the broker…</source>
        <translation>Ждём ответа брокера…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Топики</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Сообщения</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>События</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Продюсер</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>Консьюмеры</translation>
    </message>
    <message>
        <source>offset reset of %1 refused: %2</source>
        <translation>сброс оффсета %1 отклонён: %2</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Графики</translation>
    </message>
    <message>
        <source>Connect to &amp;Built-in Broker</source>
        <translation>Подключиться к &amp;встроенному брокеру</translation>
    </message>
    <message>
        <source>Ctrl+Shift+B</source>
        <translation>Ctrl+Shift+B</translation>
    </message>
    <message>
        <source>&amp;Open Data Folder…</source>
        <translation>&amp;Открыть папку данных…</translation>
    </message>
    <message>
        <source>&amp;Show Data Folder in File Manager</source>
        <translation>Показать папку данных в &amp;файловом менеджере</translation>
    </message>
    <message>
        <source>&amp;Kafka Profiles…</source>
        <translation>Профили &amp;Kafka…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation>&amp;Переподключиться</translation>
    </message>
    <message>
        <source>Ctrl+F5</source>
        <translation>Ctrl+F5</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>О&amp;тключиться</translation>
    </message>
    <message>
        <source>&amp;Import JSON Lines…</source>
        <translation>&amp;Импорт строк JSON…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Copy Record Value</source>
        <translation>&amp;Копировать значение записи</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Copy Record &amp;Key</source>
        <translation>Копировать к&amp;люч записи</translation>
    </message>
    <message>
        <source>Produce &amp;Again</source>
        <translation>Отправить &amp;снова</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>&amp;Find in Messages</source>
        <translation>&amp;Найти в сообщениях</translation>
    </message>
    <message>
        <source>Copy &amp;Diagnostics</source>
        <translation>Копировать &amp;диагностику</translation>
    </message>
    <message>
        <source>&amp;Live Tail</source>
        <translation>Следить за &amp;новыми записями</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>Сбросить &amp;расположение</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Системная</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>Св&amp;етлая</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Тёмная</translation>
    </message>
    <message>
        <source>&amp;New Topic…</source>
        <translation>&amp;Новый топик…</translation>
    </message>
    <message>
        <source>&amp;Delete Topic…</source>
        <translation>&amp;Удалить топик…</translation>
    </message>
    <message>
        <source>&amp;Send Record</source>
        <translation>&amp;Отправить запись</translation>
    </message>
    <message>
        <source>&amp;Generate Orders</source>
        <translation>&amp;Сгенерировать заказы</translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <source>Start &amp;Consumers</source>
        <translation>&amp;Запустить консьюмеров</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>S&amp;top Consumer</source>
        <translation>Ос&amp;тановить консьюмера</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>&amp;Kill Consumer</source>
        <translation>У&amp;бить консьюмера</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>&amp;Restart Consumer</source>
        <translation>&amp;Перезапустить консьюмера</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Горячие клавиши</translation>
    </message>
    <message>
        <source>&amp;About Tidemark</source>
        <translation>&amp;О программе Tidemark</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation>&amp;Топик</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Подключение — %1…</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>подключение</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>отключено</translation>
    </message>
    <message>
        <source>Connected · %1</source>
        <translation>Подключено · %1</translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation>установлено — %1</translation>
    </message>
    <message>
        <source>Connected · %1 · cluster %2, brokers: %3</source>
        <translation>Подключено · %1 · кластер %2, брокеров: %3</translation>
    </message>
    <message>
        <source>Data Folder of the Built-in Broker</source>
        <translation>Папка данных встроенного брокера</translation>
    </message>
    <message>
        <source>Kafka profiles saved: %1</source>
        <translation>сохранено профилей Kafka: %1</translation>
    </message>
    <message>
        <source>About Tidemark</source>
        <translation>О программе Tidemark</translation>
    </message>
    <message>
        <source>Produce, consume and see message-broker topics: a built-in file-log broker that needs no server, or Apache Kafka.

Help → Copy Diagnostics puts versions, platform and connection on the clipboard for bug reports.</source>
        <translation>Отправляйте, читайте и смотрите топики брокеров сообщений: встроенный брокер на файлах, которому не нужен сервер, или Apache Kafka.

Справка → Копировать диагностику кладёт в буфер обмена версии, платформу и подключение — для сообщений об ошибках.</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Горячие клавиши</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Сочетание клавиш</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard</source>
        <translation>Диагностика скопирована в буфер обмена</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>&amp;Системный язык</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>The new language takes effect when Tidemark starts again.</source>
        <translation>Новый язык заработает после перезапуска Tidemark.</translation>
    </message>
    <message>
        <source>Restart &amp;Now</source>
        <translation>&amp;Перезапустить</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>П&amp;озже</translation>
    </message>
    <message>
        <source>connecting cancelled</source>
        <translation>подключение отменено</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Broker</source>
        <translation>&amp;Брокер</translation>
    </message>
    <message>
        <source>Kafka listener</source>
        <translation>Kafka-листенер</translation>
    </message>
    <message>
        <source>cannot serve Kafka clients: %1</source>
        <translation>не удаётся обслуживать Kafka-клиентов: %1</translation>
    </message>
    <message>
        <source>Cannot serve Kafka clients: %1</source>
        <translation>Не удаётся обслуживать Kafka-клиентов: %1</translation>
    </message>
    <message>
        <source>Cannot serve Kafka clients: the setting kafkaServer/listen is not HOST:PORT.</source>
        <translation>Не удаётся обслуживать Kafka-клиентов: настройка kafkaServer/listen не в виде ХОСТ:ПОРТ.</translation>
    </message>
    <message>
        <source>Only the built-in broker can serve Kafka clients.</source>
        <translation>Обслуживать Kafka-клиентов может только встроенный брокер.</translation>
    </message>
    <message>
        <source>Cannot serve Kafka clients on %1: it is not a loopback address and the listener has no authentication. Set kafkaServer/allowRemote to true to serve it anyway.</source>
        <translation>Не удаётся обслуживать Kafka-клиентов на %1: это не loopback-адрес, а у листенера нет аутентификации. Чтобы всё же открыть его, задайте kafkaServer/allowRemote = true.</translation>
    </message>
    <message>
        <source>serving Kafka clients on %1</source>
        <translation>Kafka-клиенты обслуживаются на %1</translation>
    </message>
    <message>
        <source>stopped serving Kafka clients</source>
        <translation>обслуживание Kafka-клиентов остановлено</translation>
    </message>
    <message>
        <source>client %1 connected</source>
        <translation>клиент %1 подключился</translation>
    </message>
    <message>
        <source>client %1 disconnected</source>
        <translation>клиент %1 отключился</translation>
    </message>
    <message>
        <source>client %1: %2</source>
        <translation>клиент %1: %2</translation>
    </message>
    <message>
        <source>&amp;Serve Kafka Clients on %1</source>
        <translation>&amp;Обслуживать Kafka-клиентов на %1</translation>
    </message>
    <message>
        <source>Let any Kafka client (kcat, Java, librdkafka…) produce and consume on this data directory at %1 (Ctrl+Shift+L)</source>
        <translation>Любой Kafka-клиент (kcat, Java, librdkafka…) сможет писать в эту папку данных и читать из неё по адресу %1 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>Only the built-in broker can serve Kafka clients</source>
        <translation>Обслуживать Kafka-клиентов может только встроенный брокер</translation>
    </message>
    <message>
        <source>Kafka listener starting on %1…</source>
        <translation>Kafka-листенер запускается на %1…</translation>
    </message>
    <message>
        <source>Kafka clients: %1 · connected: %2</source>
        <translation>Kafka-клиенты: %1 · подключено: %2</translation>
    </message>
    <message>
        <source>Kafka listener stopping…</source>
        <translation>Kafka-листенер останавливается…</translation>
    </message>
    <message>
        <source>Connection Problem</source>
        <translation>Проблема с подключением</translation>
    </message>
    <message>
        <source>Switch Connection</source>
        <translation>Смена подключения</translation>
    </message>
    <message numerus="yes">
        <source>Connecting to %1 stops them cleanly: they commit what they processed and leave their groups. Start them again on the new connection if you need them.</source>
        <translation>
            <numerusform>Переход на подключение «%1» остановит его штатно: он закоммитит обработанное и выйдет из группы. Если он нужен, запустите его снова на новом подключении.</numerusform>
            <numerusform>Переход на подключение «%1» остановит их штатно: они закоммитят обработанное и выйдут из групп. Если они нужны, запустите их снова на новом подключении.</numerusform>
            <numerusform>Переход на подключение «%1» остановит их штатно: они закоммитят обработанное и выйдут из групп. Если они нужны, запустите их снова на новом подключении.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Stop Them and Connect</source>
        <translation>
            <numerusform>&amp;Остановить его и подключиться</numerusform>
            <numerusform>&amp;Остановить их и подключиться</numerusform>
            <numerusform>&amp;Остановить их и подключиться</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Keep the Current Connection</source>
        <translation>Ост&amp;аться на текущем подключении</translation>
    </message>
    <message>
        <source>stayed on %1: consumers are running</source>
        <translation>осталось прежним — «%1»: работают консьюмеры</translation>
    </message>
    <message>
        <source>Unreachable · %1</source>
        <translation>Недоступен · %1</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Урок</translation>
    </message>
    <message>
        <source>Show the &amp;Lesson</source>
        <translation>Показать &amp;урок</translation>
    </message>
    <message>
        <source>Copy as JSON Line</source>
        <translation>Копировать как строку JSON</translation>
    </message>
    <message>
        <source>The record as one line of JSON, as tidemark-cli consume prints it and produce reads it</source>
        <translation>Запись одной строкой JSON: так её печатает tidemark-cli consume и читает produce</translation>
    </message>
    <message>
        <source>Produce Again</source>
        <translation>Отправить снова</translation>
    </message>
    <message>
        <source>Show on Timeline</source>
        <translation>Показать на ленте</translation>
    </message>
    <message>
        <source>Reset Group to Here</source>
        <translation>Сбросить группу сюда</translation>
    </message>
    <message>
        <source>%1: read from offset %2 on</source>
        <extracomment>A group in the &quot;Reset Group to Here&quot; menu: it will read this record next</extracomment>
        <translation>%1: читать с оффсета %2</translation>
    </message>
    <message>
        <source>No consumer group reads this topic yet</source>
        <translation>Этот топик пока не читает ни одна группа</translation>
    </message>
    <message>
        <source>the running consumer stops cleanly (it commits what it processed) and is not started again</source>
        <translation>работающий консьюмер остановится чисто (закоммитит обработанное) и не запустится снова</translation>
    </message>
    <message>
        <source>%1 running consumers stop cleanly (they commit what they processed) and are not started again</source>
        <translation>работающие консьюмеры (%1) остановятся чисто (закоммитят обработанное) и не запустятся снова</translation>
    </message>
    <message>
        <source>the producer&apos;s running job stops</source>
        <translation>запущенное задание продюсера остановится</translation>
    </message>
    <message>
        <source>the producer&apos;s fields, the message filter and the events list start empty</source>
        <translation>поля продюсера, фильтр сообщений и список событий начнутся с чистого листа</translation>
    </message>
    <message>
        <source>Restart now? %1. Topics, records and committed offsets stay as they are.</source>
        <translation>Перезапустить сейчас? %1. Топики, записи и закоммиченные оффсеты останутся как есть.</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <source>Lag history</source>
        <translation>История лага</translation>
    </message>
    <message>
        <source>lag history</source>
        <translation>история лага</translation>
    </message>
    <message>
        <source>&amp;Saved Filters</source>
        <translation>Сохранённые &amp;фильтры</translation>
    </message>
    <message numerus="yes">
        <source>produced %1 records again to %2</source>
        <translation>
            <numerusform>повторно отправлена %1 запись в %2</numerusform>
            <numerusform>повторно отправлено %1 записи в %2</numerusform>
            <numerusform>повторно отправлено %1 записей в %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>Produce &amp;Records Again…</source>
        <translation>Отправить &amp;записи снова…</translation>
    </message>
    <message>
        <source>Produce every record the Messages panel shows (its filter and range) again, with a preview</source>
        <translation>Снова отправить все записи, которые показывает панель «Сообщения» (её фильтр и диапазон), с предпросмотром</translation>
    </message>
    <message>
        <source>the app disconnected from %1</source>
        <translation>приложение закрыло подключение «%1»</translation>
    </message>
    <message>
        <source>the app left %1 for %2</source>
        <translation>приложение сменило подключение: было «%1», стало «%2»</translation>
    </message>
    <message numerus="yes">
        <source>%1 consumers are running on %2. They stop if you switch.</source>
        <translation>
            <numerusform>На подключении «%2» работает %1 консьюмер. При переключении он остановится.</numerusform>
            <numerusform>На подключении «%2» работают %1 консьюмера. При переключении они остановятся.</numerusform>
            <numerusform>На подключении «%2» работают %1 консьюмеров. При переключении они остановятся.</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot serve Kafka clients: the setting kafkaServer/listen is not HOST:PORT</source>
        <translation>не удаётся обслуживать Kafka-клиентов: настройка kafkaServer/listen не в виде ХОСТ:ПОРТ</translation>
    </message>
    <message>
        <source>only the built-in broker can serve Kafka clients</source>
        <translation>обслуживать Kafka-клиентов может только встроенный брокер</translation>
    </message>
    <message>
        <source>cannot serve Kafka clients on %1: it is not a loopback address and the listener has no authentication; set kafkaServer/allowRemote to true to serve it anyway</source>
        <translation>не удаётся обслуживать Kafka-клиентов на %1: это не loopback-адрес, а у листенера нет аутентификации; чтобы всё же открыть его, задайте kafkaServer/allowRemote = true</translation>
    </message>
    <message>
        <source>warning: serving %1 without authentication or encryption: anyone who can reach it can read, write and delete every topic</source>
        <translation>внимание: %1 обслуживается без аутентификации и шифрования: любой, кто до него достучится, может читать, писать и удалять все топики</translation>
    </message>
    <message>
        <source>Consumers list: %1</source>
        <translation>Список консьюмеров: %1</translation>
    </message>
</context>
<context>
    <name>tidemark::MemberNames</name>
    <message>
        <source>%1 (before its restart)</source>
        <comment>a consumer&apos;s membership of the group before it was started again</comment>
        <translation>%1 (до перезапуска)</translation>
    </message>
    <message>
        <source>%1 (from an earlier run)</source>
        <comment>a consumer this app started before it was restarted</comment>
        <translation>%1 (из прошлого запуска приложения)</translation>
    </message>
    <message>
        <source>%1 (old)</source>
        <comment>brief: a membership of the group that is over for the app (before a restart, or from an earlier run of the app)</comment>
        <translation>%1 ↺</translation>
    </message>
</context>
<context>
    <name>tidemark::MessageInspector</name>
    <message>
        <source>Record:</source>
        <translation>Запись:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Ключ:</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>Заголовки:</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Produce again</source>
        <translation>Отправить снова</translation>
    </message>
    <message>
        <source>Copy the value (Ctrl+Shift+C)</source>
        <translation>Скопировать значение (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Put this record into the producer to send it again</source>
        <translation>Загрузить запись в продюсер, чтобы отправить её ещё раз</translation>
    </message>
    <message>
        <source>%1 · partition %2 · offset %3
%4</source>
        <translation>%1 · партиция %2 · оффсет %3
%4</translation>
    </message>
    <message>
        <source>(null: the producer picked a partition at random)</source>
        <translation>(null: продюсер выбрал партицию случайно)</translation>
    </message>
    <message>
        <source>(null)</source>
        <translation>(null)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Value · JSON · %1</source>
        <translation>Значение · JSON · %1</translation>
    </message>
    <message>
        <source>Value · text · %1</source>
        <translation>Значение · текст · %1</translation>
    </message>
    <message>
        <source>Value · binary (hex) · %1</source>
        <translation>Значение · двоичное (hex) · %1</translation>
    </message>
    <message>
        <source>Select a record in the message table</source>
        <translation>Выберите запись в таблице сообщений</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <comment>data size below 1 KiB</comment>
        <translation>%1 Б</translation>
    </message>
    <message>
        <source>Copy the key</source>
        <translation>Скопировать ключ</translation>
    </message>
    <message>
        <source>null (tombstone)</source>
        <translation>null (надгробие)</translation>
    </message>
    <message>
        <source>Value · null: a tombstone (on a compacted topic it deletes the key&apos;s earlier records)</source>
        <translation>Значение · null: надгробие (в сжимаемом топике оно удаляет прежние записи этого ключа)</translation>
    </message>
    <message>
        <source>Right-click: highlight every record with this key on the timeline</source>
        <translation>Правый щелчок: подсветить на ленте все записи с этим ключом</translation>
    </message>
    <message>
        <source>Highlight This Key on the Timeline</source>
        <translation>Подсветить этот ключ на ленте</translation>
    </message>
    <message>
        <source>Hex</source>
        <extracomment>Toggle: show the value as a hex dump</extracomment>
        <translation>hex</translation>
    </message>
    <message>
        <source>Show the value&apos;s exact bytes as a hex dump</source>
        <translation>Показать точные байты значения в виде hex-дампа</translation>
    </message>
    <message>
        <source>Value · JSON, as hex · %1</source>
        <translation>Значение · JSON, в hex · %1</translation>
    </message>
    <message>
        <source>Value · text, as hex · %1</source>
        <translation>Значение · текст, в hex · %1</translation>
    </message>
</context>
<context>
    <name>tidemark::MessageTableModel</name>
    <message>
        <source>No topic selected</source>
        <translation>Топик не выбран</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Загрузка %1…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>%1 records (showing the first %2)</source>
        <translation>Записей: %1 (показаны первые %2)</translation>
    </message>
    <message>
        <source>Records: %1</source>
        <translation>Записей: %1</translation>
    </message>
    <message>
        <source>(null)</source>
        <translation>(null)</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Партиция</translation>
    </message>
    <message>
        <source>Offset: the record&apos;s position in its partition</source>
        <translation>Оффсет: место записи в её партиции</translation>
    </message>
    <message>
        <source>Create time (local); the tooltip has milliseconds</source>
        <translation>Время создания (местное); в подсказке — с миллисекундами</translation>
    </message>
    <message>
        <source>Key: decides the partition</source>
        <translation>Ключ: по нему выбирается партиция</translation>
    </message>
    <message>
        <source>Part.</source>
        <translation>Парт.</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Оффсет</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>topic &apos;%1&apos; has no partition %2</source>
        <translation>в топике «%1» нет партиции %2</translation>
    </message>
    <message>
        <source>null (tombstone)</source>
        <translation>null (надгробие)</translation>
    </message>
    <message>
        <source>A tombstone: the value is null (not empty). On a compacted topic it deletes the key&apos;s earlier records.</source>
        <translation>Надгробие (tombstone): значение null (не пустое). В сжимаемом топике оно удаляет прежние записи этого ключа.</translation>
    </message>
    <message>
        <source>Filter: %1</source>
        <translation>Фильтр: %1</translation>
    </message>
    <message>
        <source> (the first %1 are listed; export the matches for all)</source>
        <translation> (в списке первые %1; экспортируйте совпадения, чтобы получить все)</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>Приостановлено: %1</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Отменено: %1</translation>
    </message>
    <message>
        <source>Search stopped: %1. %2</source>
        <translation>Поиск остановлен: %1. %2</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Готово: %1</translation>
    </message>
    <message>
        <source>Searching %1…</source>
        <translation>Поиск в %1…</translation>
    </message>
    <message numerus="yes">
        <source>Scanned %1 of %2 records in partitions %3, %Ln matches, %4 records/s</source>
        <translation>
            <numerusform>Просмотрено %1 из %2 записей в разделах %3, %Ln совпадение, %4 записей/с</numerusform>
            <numerusform>Просмотрено %1 из %2 записей в разделах %3, %Ln совпадения, %4 записей/с</numerusform>
            <numerusform>Просмотрено %1 из %2 записей в разделах %3, %Ln совпадений, %4 записей/с</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tidemark::MessagesPanel</name>
    <message>
        <source>Live tail</source>
        <translation>Следить</translation>
    </message>
    <message>
        <source>Show one partition or all of them</source>
        <translation>Показать одну партицию или все</translation>
    </message>
    <message>
        <source>An offset (120), a time (2024-05-01 12:00 or 12:30) or a span back from now (-5m, -2h)</source>
        <translation>Оффсет (120), время (2024-05-01 12:00 или 12:30) или промежуток назад от текущего момента (-5m, -2h)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Follow new records as they arrive (Ctrl+L)</source>
        <translation>Показывать новые записи по мере поступления (Ctrl+L)</translation>
    </message>
    <message>
        <source>All partitions</source>
        <translation>Все партиции</translation>
    </message>
    <message>
        <source>Partition %1</source>
        <translation>Партиция %1</translation>
    </message>
    <message>
        <source>Filter: &quot;text&quot;, key == &quot;k&quot;, value.total_price &gt; 1000 (Ctrl+F)</source>
        <translation>Фильтр: &quot;текст&quot;, key == &quot;k&quot;, value.total_price &gt; 1000 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Сначала старые</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Сначала новые</translation>
    </message>
    <message>
        <source>Which end of each partition a search starts from</source>
        <translation>С какого конца каждого раздела начинается поиск</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Stop the search; the matches found so far stay listed</source>
        <translation>Остановить поиск; найденные совпадения останутся в списке</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>Go on scanning where the search stopped</source>
        <translation>Продолжить просмотр с места остановки</translation>
    </message>
    <message>
        <source>Stop scanning for now; Resume goes on from here</source>
        <translation>Приостановить просмотр; «Продолжить» продолжит отсюда</translation>
    </message>
    <message>
        <source>Filter: %1</source>
        <translation>Фильтр: %1</translation>
    </message>
    <message>
        <source>The filter language: &quot;text&quot; (in key or value), key == &quot;k&quot;, value contains &quot;x&quot;, key ~ /re/i, value.user_id == &quot;00042&quot;, value.items[*].product_id == &quot;535&quot;, header.source exists, partition in (0, 2), offset &gt;= 100, timestamp &gt;= &quot;2026-12-06 10:00&quot;, value is null, size &gt; 1024; and, or, not, ( ). Times are in %1.</source>
        <translation>Язык фильтров: &quot;текст&quot; (в ключе или значении), key == &quot;k&quot;, value contains &quot;x&quot;, key ~ /re/i, value.user_id == &quot;00042&quot;, value.items[*].product_id == &quot;535&quot;, header.source exists, partition in (0, 2), offset &gt;= 100, timestamp &gt;= &quot;2026-12-06 10:00&quot;, value is null, size &gt; 1024; and, or, not, ( ). Время — в поясе %1.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>Write every record shown (all matches of the filter) to a file</source>
        <translation>Записать в файл все показанные записи (все совпадения фильтра)</translation>
    </message>
    <message>
        <source>As JSON lines (tidemark-cli produce reads them back)…</source>
        <translation>Как JSON lines (tidemark-cli produce читает их обратно)…</translation>
    </message>
    <message>
        <source>As CSV…</source>
        <translation>Как CSV…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Отменить экспорт</translation>
    </message>
    <message>
        <source>Export records</source>
        <translation>Экспорт записей</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl *.json)</source>
        <translation>JSON lines (*.jsonl *.json)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %1 records to %2</source>
        <translation>
            <numerusform>Экспортирована %1 запись в %2</numerusform>
            <numerusform>Экспортировано %1 записи в %2</numerusform>
            <numerusform>Экспортировано %1 записей в %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Экспорт не удался: %1</translation>
    </message>
    <message>
        <source>Exporting to %1: scanned %2 of %3 records, %4 written</source>
        <translation>Экспорт в %1: просмотрено %2 из %3 записей, записано %4</translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation>Сохранённые фильтры</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Choose a topic to see its saved filters</source>
        <translation>Выберите топик, чтобы увидеть его сохранённые фильтры</translation>
    </message>
    <message>
        <source>No saved filters for %1 yet</source>
        <translation>Для %1 пока нет сохранённых фильтров</translation>
    </message>
    <message>
        <source>Save filter as…</source>
        <translation>Сохранить фильтр как…</translation>
    </message>
    <message>
        <source>Delete saved filter</source>
        <translation>Удалить сохранённый фильтр</translation>
    </message>
    <message>
        <source>Deleted the saved filter &quot;%1&quot; of %2</source>
        <translation>Сохранённый фильтр «%1» топика %2 удалён</translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation>Сохранить фильтр</translation>
    </message>
    <message>
        <source>Name for this filter of %1:
%2</source>
        <translation>Имя этого фильтра для %1:
%2</translation>
    </message>
    <message>
        <source>Saved the filter &quot;%1&quot; for %2</source>
        <translation>Фильтр «%1» для %2 сохранён</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Не сохранено: %1</translation>
    </message>
    <message>
        <source>Produce Them Again…</source>
        <translation>Отправить их снова…</translation>
    </message>
    <message>
        <source>the records that match %1%2</source>
        <translation>записи, подходящие под %1%2</translation>
    </message>
    <message>
        <source> in the range</source>
        <translation> в диапазоне</translation>
    </message>
    <message>
        <source>the records in the range</source>
        <translation>записи в диапазоне</translation>
    </message>
    <message>
        <source>the records of partition %1</source>
        <translation>записи партиции %1</translation>
    </message>
    <message>
        <source>all the records</source>
        <translation>все записи</translation>
    </message>
</context>
<context>
    <name>tidemark::Order</name>
    <message>
        <source>a boolean</source>
        <translation>логическое значение</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>строка</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>целое число</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>число</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>объект</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>массив</translation>
    </message>
    <message>
        <source>an unsupported value</source>
        <translation>неподдерживаемое значение</translation>
    </message>
    <message>
        <source>%1 is missing the field %2</source>
        <translation>%1: нет поля %2</translation>
    </message>
    <message>
        <source>%1 field %2 must be a string, got %3</source>
        <translation>%1, поле %2: нужна строка, а получено: %3</translation>
    </message>
    <message>
        <source>%1 field %2 must be a number, got %3</source>
        <translation>%1, поле %2: нужно число, а получено: %3</translation>
    </message>
    <message>
        <source>order_id must not be empty</source>
        <translation>order_id не может быть пустым</translation>
    </message>
    <message>
        <source>user_id must not be empty</source>
        <translation>user_id не может быть пустым</translation>
    </message>
    <message>
        <source>an order needs at least one item</source>
        <translation>в заказе должна быть хотя бы одна позиция</translation>
    </message>
    <message>
        <source>item %1: product_id must not be empty</source>
        <translation>позиция %1: product_id не может быть пустым</translation>
    </message>
    <message>
        <source>item %1: quantity must be at least 1, got %2</source>
        <translation>позиция %1: quantity должно быть не меньше 1, а получено %2</translation>
    </message>
    <message>
        <source>item %1: price must not be negative, got %2</source>
        <translation>позиция %1: price не может быть отрицательной, а получено %2</translation>
    </message>
    <message>
        <source>total_price must be a finite number</source>
        <translation>total_price должно быть конечным числом</translation>
    </message>
    <message>
        <source>a number is out of range (%1)</source>
        <translation>число вне допустимого диапазона (%1)</translation>
    </message>
    <message>
        <source>item %1: quantity %2 is too large (at most %3)</source>
        <translation>позиция %1: quantity %2 слишком велико (не больше %3)</translation>
    </message>
    <message>
        <source>item %1: price must be a finite number</source>
        <translation>позиция %1: price должно быть конечным числом</translation>
    </message>
    <message>
        <source>item %1: price x quantity (%2 x %3) is too large for a number</source>
        <translation>позиция %1: price × quantity (%2 × %3) не помещается в число</translation>
    </message>
    <message>
        <source>the sum of price x quantity is too large for a number</source>
        <translation>сумма price × quantity не помещается в число</translation>
    </message>
    <message>
        <source>%1: quantity %2 is too large (at most %3)</source>
        <translation>%1: quantity %2 слишком велико (не больше %3)</translation>
    </message>
    <message>
        <source>total_price %1 does not match the items: the sum of price x quantity is %2</source>
        <translation>total_price %1 не сходится с позициями: сумма price × quantity равна %2</translation>
    </message>
    <message>
        <source>malformed JSON (byte %1): %2</source>
        <translation>некорректный JSON (байт %1): %2</translation>
    </message>
    <message>
        <source>the order must be a JSON object, got %1</source>
        <translation>заказ должен быть объектом JSON, а получено: %1</translation>
    </message>
    <message>
        <source>the order</source>
        <translation>заказ</translation>
    </message>
    <message>
        <source>the field %1 must be an array, got %2</source>
        <translation>поле %1 должно быть массивом, а получено: %2</translation>
    </message>
    <message>
        <source>item %1</source>
        <translation>позиция %1</translation>
    </message>
    <message>
        <source>%1 must be an object, got %2</source>
        <translation>%1 должна быть объектом, а получено: %2</translation>
    </message>
    <message>
        <source>%1 field %2 must be an integer, got %3</source>
        <translation>%1, поле %2: нужно целое число, а получено: %3</translation>
    </message>
    <message>
        <source>malformed JSON (byte %1)</source>
        <translation>некорректный JSON (байт %1)</translation>
    </message>
    <message>
        <source>the value is not a JSON object</source>
        <translation>значение — не объект JSON</translation>
    </message>
    <message>
        <source>the key field &quot;%1&quot; is missing</source>
        <translation>нет поля ключа «%1»</translation>
    </message>
    <message>
        <source>the key field &quot;%1&quot; must be a string or a number, got %2</source>
        <translation>поле ключа «%1» должно быть строкой или числом, а получено: %2</translation>
    </message>
</context>
<context>
    <name>tidemark::ProduceLogic</name>
    <message>
        <source>unknown key mode</source>
        <translation>неизвестный режим ключа</translation>
    </message>
    <message>
        <source>no topic with partitions selected</source>
        <translation>не выбран топик с партициями</translation>
    </message>
</context>
<context>
    <name>tidemark::ProducerJob</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>не удаётся открыть %1: %2</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>не объект JSON</translation>
    </message>
    <message>
        <source>malformed JSON at byte %1</source>
        <translation>некорректный JSON в байте %1</translation>
    </message>
    <message>
        <source>%1 line %2: %3</source>
        <translation>%1, строка %2: %3</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>%1: %2 invalid line(s), nothing was sent; first: %3</source>
        <translation>%1: некорректных строк: %2, ничего не отправлено; первая: %3</translation>
    </message>
</context>
<context>
    <name>tidemark::ProducerPanel</name>
    <message>
        <source>line %1, column %2</source>
        <translation>строка %1, столбец %2</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Сгенерировать</translation>
    </message>
    <message>
        <source>Import JSON lines…</source>
        <translation>Импорт строк JSON…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>JSON field</source>
        <translation>Поле JSON</translation>
    </message>
    <message>
        <source>Explicit key</source>
        <translation>Свой ключ</translation>
    </message>
    <message>
        <source>No key (null)</source>
        <translation>Без ключа (null)</translation>
    </message>
    <message>
        <source>Records with the same key go to the same partition</source>
        <translation>Записи с одинаковым ключом попадают в одну партицию</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Ключ:</translation>
    </message>
    <message>
        <source>murmur2: the Java client&apos;s default; consistent_random: librdkafka&apos;s default</source>
        <translation>murmur2 — по умолчанию в Java-клиенте; consistent_random (CRC32) — по умолчанию в librdkafka</translation>
    </message>
    <message>
        <source>&amp;Partitioner:</source>
        <translation>&amp;Партиционер:</translation>
    </message>
    <message>
        <source>Where the partitioner puts this record&apos;s key, computed exactly as the real clients do</source>
        <translation>В какую партицию партиционер отправит ключ этой записи — посчитано так же, как в настоящих клиентах</translation>
    </message>
    <message>
        <source>&amp;Order id:</source>
        <translation>ID &amp;заказа:</translation>
    </message>
    <message>
        <source>&amp;User id:</source>
        <translation>ID &amp;пользователя:</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Send one record (Ctrl+Return)</source>
        <translation>Отправить одну запись (Ctrl+Return)</translation>
    </message>
    <message>
        <source>max</source>
        <translation>макс.</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> /с</translation>
    </message>
    <message>
        <source>Orders per second; 0 sends as fast as the broker acknowledges</source>
        <translation>Заказов в секунду; 0 — так быстро, как подтверждает брокер</translation>
    </message>
    <message>
        <source>Generate seeded random orders (Ctrl+G)</source>
        <translation>Сгенерировать случайные заказы с фиксированным зерном (Ctrl+G)</translation>
    </message>
    <message>
        <source>Orders:</source>
        <translation>Заказов:</translation>
    </message>
    <message>
        <source>at</source>
        <translation>по</translation>
    </message>
    <message>
        <source>Send every line of a JSON-lines file (Ctrl+I)</source>
        <translation>Отправить по записи на каждую строку файла JSON (Ctrl+I)</translation>
    </message>
    <message>
        <source>field name</source>
        <translation>имя поля</translation>
    </message>
    <message>
        <source>key</source>
        <translation>ключ</translation>
    </message>
    <message>
        <source>Select a topic to produce to</source>
        <translation>Выберите топик для отправки</translation>
    </message>
    <message>
        <source>Topic: %1 · partitions: %2</source>
        <translation>Топик: %1 · партиций: %2</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Итого: %1</translation>
    </message>
    <message>
        <source>The order id is empty.</source>
        <translation>Не указан ID заказа.</translation>
    </message>
    <message>
        <source>The user id is empty.</source>
        <translation>Не указан ID пользователя.</translation>
    </message>
    <message>
        <source>Type a JSON value to send.</source>
        <translation>Введите значение JSON для отправки.</translation>
    </message>
    <message>
        <source>Not valid JSON at %1: %2</source>
        <translation>Некорректный JSON (%1): %2</translation>
    </message>
    <message>
        <source>Not a valid order: %1</source>
        <translation>Некорректный заказ: %1</translation>
    </message>
    <message>
        <source>No key: %1</source>
        <translation>Нет ключа: %1</translation>
    </message>
    <message>
        <source>key: fix the value first</source>
        <translation>ключ: сначала исправьте значение</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>key %1 → %2 → (select a topic)</source>
        <translation>ключ %1 → %2 → (нет топика)</translation>
    </message>
    <message>
        <source>key %1 → %2 → partition %3</source>
        <translation>ключ %1 → %2 → партиция %3</translation>
    </message>
    <message>
        <source>key %1 → %2 → a random partition</source>
        <translation>ключ %1 → %2 → случайная партиция</translation>
    </message>
    <message>
        <source>Valid order.</source>
        <translation>Заказ корректен.</translation>
    </message>
    <message>
        <source>Valid JSON.</source>
        <translation>JSON корректен.</translation>
    </message>
    <message>
        <source>the broker returned no delivery report</source>
        <translation>брокер не вернул отчёт о доставке</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Не отправлено: %1</translation>
    </message>
    <message>
        <source>send to &apos;%1&apos; failed: %2</source>
        <translation>отправка в «%1» не удалась: %2</translation>
    </message>
    <message>
        <source>Sent to %1[%2] at offset %3</source>
        <translation>Отправлено в %1[%2], оффсет %3</translation>
    </message>
    <message>
        <source>sent key %1 to %2[%3] at offset %4</source>
        <translation>отправлен ключ %1 в %2[%3], оффсет %4</translation>
    </message>
    <message>
        <source>Import JSON Lines</source>
        <translation>Импорт строк JSON</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl *.ndjson *.json *.txt);;All files (*)</source>
        <translation>Строки JSON (*.jsonl *.ndjson *.json *.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Paused at %1 of %2</source>
        <translation>Пауза: %1 из %2</translation>
    </message>
    <message>
        <source>Sent %1 of %2</source>
        <translation>Отправлено %1 из %2</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2: %3</source>
        <translation>Остановлено после %1 из %2: %3</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2</source>
        <translation>Отменено после %1 из %2</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>, не отправлено: %1</translation>
    </message>
    <message numerus="yes">
        <source>Generating %1 orders…</source>
        <translation>
            <numerusform>Генерация: %1 заказ…</numerusform>
            <numerusform>Генерация: %1 заказа…</numerusform>
            <numerusform>Генерация: %1 заказов…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Чтение %1…</translation>
    </message>
    <message numerus="yes">
        <source>generating %1 orders at %2 per second into &apos;%3&apos;</source>
        <translation>
            <numerusform>генерация: %1 заказ, по %2 в секунду, в «%3»</numerusform>
            <numerusform>генерация: %1 заказа, по %2 в секунду, в «%3»</numerusform>
            <numerusform>генерация: %1 заказов, по %2 в секунду, в «%3»</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>generating %1 orders into &apos;%2&apos;</source>
        <translation>
            <numerusform>генерация: %1 заказ в «%2»</numerusform>
            <numerusform>генерация: %1 заказа в «%2»</numerusform>
            <numerusform>генерация: %1 заказов в «%2»</numerusform>
        </translation>
    </message>
    <message>
        <source>importing %1 into &apos;%2&apos;</source>
        <translation>импорт %1 в «%2»</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>Loaded %1[%2] at offset %3: press Send to produce it again</source>
        <translation>Загружена запись %1[%2], оффсет %3: нажмите «Отправить», чтобы отправить её снова</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>продюсер</translation>
    </message>
    <message>
        <source>Null value (tombstone)</source>
        <translation>Значение null (надгробие)</translation>
    </message>
    <message>
        <source>Send the key with a null value, not the text above: on a compacted topic a tombstone deletes the key&apos;s earlier records</source>
        <translation>Отправить ключ со значением null вместо текста выше: в сжимаемом топике надгробие удаляет прежние записи этого ключа</translation>
    </message>
    <message>
        <source>A tombstone has no value to take the key field from: choose an explicit key.</source>
        <translation>У надгробия нет значения, из которого можно взять поле ключа: задайте ключ явно.</translation>
    </message>
    <message>
        <source>A tombstone: the key with a null value.</source>
        <translation>Надгробие: ключ со значением null.</translation>
    </message>
    <message>
        <source>cannot read the last order id of &apos;%1&apos; (order ids start at %2): %3</source>
        <translation>не удалось прочитать последний id заказа в «%1» (id заказов начнутся с %2): %3</translation>
    </message>
    <message>
        <source>keys: few (8)</source>
        <translation>ключи: мало (8)</translation>
    </message>
    <message>
        <source>keys: many</source>
        <translation>ключи: много</translation>
    </message>
    <message>
        <source>Which user ids (the default key) generated orders get: a few (8 users), so that each user&apos;s orders visibly share one partition, or many (any of 100,000)</source>
        <translation>Какие идентификаторы пользователей (ключ по умолчанию) получат созданные заказы: несколько (8 пользователей), чтобы было видно, что заказы каждого пользователя попадают в одну партицию, или много (любой из 100 000)</translation>
    </message>
    <message>
        <source>Show or hide the record&apos;s headers: names and values sent with the record</source>
        <translation>Показать или скрыть заголовки записи: имена и значения, отправляемые вместе с записью</translation>
    </message>
    <message>
        <source>Hea&amp;ders</source>
        <translation>З&amp;аголовки</translation>
    </message>
    <message>
        <source>Hea&amp;ders (%1)</source>
        <translation>З&amp;аголовки (%1)</translation>
    </message>
    <message>
        <source>stopped after %1 of %2: %3</source>
        <translation>остановлено после %1 из %2: %3</translation>
    </message>
    <message>
        <source>cancelled after %1 of %2</source>
        <translation>отменено после %1 из %2</translation>
    </message>
    <message>
        <source>sent %1 of %2</source>
        <translation>отправлено %1 из %2</translation>
    </message>
</context>
<context>
    <name>tidemark::RangeInput</name>
    <message>
        <source>an offset cannot be negative</source>
        <translation>оффсет не может быть отрицательным</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an offset (120), a time (2024-05-01 12:00, 12:30) or a span (-5m)</source>
        <translation>«%1» — не оффсет (120), не время (2024-05-01 12:00, 12:30) и не промежуток (-5m)</translation>
    </message>
</context>
<context>
    <name>tidemark::RecordFilter</name>
    <message>
        <source>&apos;=&apos; is not an operator: write &apos;==&apos; to compare</source>
        <translation>«=» — не оператор: для сравнения пишите «==»</translation>
    </message>
    <message>
        <source>&apos;&amp;&apos; is not an operator: write &apos;&amp;&amp;&apos; or &apos;and&apos;</source>
        <translation>«&amp;» — не оператор: пишите «&amp;&amp;» или «and»</translation>
    </message>
    <message>
        <source>&apos;|&apos; is not an operator: write &apos;||&apos; or &apos;or&apos;</source>
        <translation>«|» — не оператор: пишите «||» или «or»</translation>
    </message>
    <message>
        <source>unexpected character &apos;%1&apos;</source>
        <translation>неожиданный символ «%1»</translation>
    </message>
    <message>
        <source>the string that starts here is not closed (missing %1)</source>
        <translation>строка, которая начинается здесь, не закрыта (нет %1)</translation>
    </message>
    <message>
        <source>&apos;\x&apos; must be followed by two hex digits (\xff)</source>
        <translation>после «\x» должны идти две шестнадцатеричные цифры (\xff)</translation>
    </message>
    <message>
        <source>&apos;\u&apos; must be followed by four hex digits (\u00e9)</source>
        <translation>после «\u» должны идти четыре шестнадцатеричные цифры (\u00e9)</translation>
    </message>
    <message>
        <source>unknown escape &apos;\%1&apos; (known: \&quot; \&apos; \\ \/ \n \r \t \0 \xHH \uHHHH)</source>
        <translation>неизвестная escape-последовательность «\%1» (известны: \&quot; \&apos; \\ \/ \n \r \t \0 \xHH \uHHHH)</translation>
    </message>
    <message>
        <source>the regular expression that starts here is not closed (missing /)</source>
        <translation>регулярное выражение, которое начинается здесь, не закрыто (нет /)</translation>
    </message>
    <message>
        <source>unknown regular expression flag &apos;%1&apos; (known: i, s, m)</source>
        <translation>неизвестный флаг регулярного выражения «%1» (известны: i, s, m)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>«%1» — не число</translation>
    </message>
    <message>
        <source>&apos;)&apos; without a matching &apos;(&apos;</source>
        <translation>«)» без парной «(»</translation>
    </message>
    <message>
        <source>expected &apos;and&apos;, &apos;or&apos; or the end of the filter, found %1</source>
        <translation>ожидалось «and», «or» или конец фильтра, найдено %1</translation>
    </message>
    <message>
        <source>the end of the filter</source>
        <translation>конец фильтра</translation>
    </message>
    <message>
        <source>the filter is nested too deeply (more than %1 levels)</source>
        <translation>фильтр вложен слишком глубоко (больше %1 уровней)</translation>
    </message>
    <message>
        <source>expected &apos;)&apos; to close the &apos;(&apos; at column %1, found %2</source>
        <translation>ожидалась «)», закрывающая «(» в столбце %1, найдено %2</translation>
    </message>
    <message>
        <source>expected a condition (for example: key == &quot;k&quot;, value contains &quot;x&quot;)</source>
        <translation>ожидалось условие (например: key == &quot;k&quot;, value contains &quot;x&quot;)</translation>
    </message>
    <message>
        <source>expected a condition, found %1</source>
        <translation>ожидалось условие, найдено %1</translation>
    </message>
    <message>
        <source>key, value, value.&lt;json path&gt;, header.&lt;name&gt;, partition, offset, timestamp or size</source>
        <translation>key, value, value.&lt;путь json&gt;, header.&lt;имя&gt;, partition, offset, timestamp или size</translation>
    </message>
    <message>
        <source>expected a header name after &apos;header.&apos;</source>
        <translation>после «header.» ожидалось имя заголовка</translation>
    </message>
    <message>
        <source>expected a quoted header name after &apos;header[&apos;</source>
        <translation>после «header[» ожидалось имя заголовка в кавычках</translation>
    </message>
    <message>
        <source>expected &apos;.&apos; and a header name after &apos;header&apos; (header.trace-id)</source>
        <translation>после «header» ожидались «.» и имя заголовка (header.trace-id)</translation>
    </message>
    <message>
        <source>unknown field &apos;%1&apos; (expected %2)</source>
        <translation>неизвестное поле «%1» (ожидалось: %2)</translation>
    </message>
    <message>
        <source>expected &apos;%1&apos;, found %2</source>
        <translation>ожидалось «%1», найдено %2</translation>
    </message>
    <message>
        <source>expected a JSON member name after &apos;.&apos; (use [&quot;name&quot;] for other names)</source>
        <translation>после «.» ожидалось имя поля JSON (для других имён используйте [&quot;имя&quot;])</translation>
    </message>
    <message>
        <source>an array index is a whole number from 0</source>
        <translation>индекс массива — целое число от 0</translation>
    </message>
    <message>
        <source>expected an index, * or a quoted name inside [ ], found %1</source>
        <translation>внутри [ ] ожидался индекс, * или имя в кавычках, найдено %1</translation>
    </message>
    <message>
        <source>expected &apos;contains&apos;, &apos;in&apos;, &apos;exists&apos; or &apos;matches&apos; after &apos;%1 not&apos;</source>
        <translation>после «%1 not» ожидалось «contains», «in», «exists» или «matches»</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be used with &apos;%2&apos;</source>
        <translation>«%1» нельзя применять к «%2»</translation>
    </message>
    <message>
        <source>expected &apos;null&apos; or &apos;empty&apos; after &apos;is&apos;</source>
        <translation>после «is» ожидалось «null» или «empty»</translation>
    </message>
    <message>
        <source>expected &apos;(&apos; and a list of values after &apos;in&apos;</source>
        <translation>после «in» ожидались «(» и список значений</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;)&apos; in the list after &apos;in&apos;, found %1</source>
        <translation>в списке после «in» ожидалась «,» или «)», найдено %1</translation>
    </message>
    <message>
        <source>expected an operator after &apos;%1&apos; (== != &lt; &lt;= &gt; &gt;= contains ~ !~ in exists is), found %2</source>
        <translation>после «%1» ожидался оператор (== != &lt; &lt;= &gt; &gt;= contains ~ !~ in exists is), найдено %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be used with &apos;%2&apos;: bytes have no order (compare a JSON field: %2.total &gt; 10)</source>
        <translation>«%1» нельзя применять к «%2»: у байтов нет порядка (сравните поле JSON: %2.total &gt; 10)</translation>
    </message>
    <message>
        <source>invalid regular expression: %1 (at character %2 of the pattern)</source>
        <translation>неверное регулярное выражение: %1 (в символе %2 шаблона)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is compared with a whole number, found %2</source>
        <translation>«%1» сравнивается с целым числом, найдено %2</translation>
    </message>
    <message>
        <source>a timestamp in milliseconds is a whole number</source>
        <translation>отметка времени в миллисекундах — целое число</translation>
    </message>
    <message>
        <source>%1 is not a time: write &quot;2026-12-06&quot;, &quot;2026-12-06 10:00&quot;, &quot;2026-12-06 10:00:05.250&quot; (optionally with Z or +01:00), or milliseconds</source>
        <translation>%1 — не время: пишите &quot;2026-12-06&quot;, &quot;2026-12-06 10:00&quot;, &quot;2026-12-06 10:00:05.250&quot; (можно с Z или +01:00) или миллисекунды</translation>
    </message>
    <message>
        <source>expected a time (&quot;2026-12-06 10:00&quot;) or milliseconds, found %1</source>
        <translation>ожидалось время (&quot;2026-12-06 10:00&quot;) или миллисекунды, найдено %1</translation>
    </message>
    <message>
        <source>expected a regular expression (/.../ or a quoted string), found %1</source>
        <translation>ожидалось регулярное выражение (/.../ или строка в кавычках), найдено %1</translation>
    </message>
    <message>
        <source>expected a number or a quoted string after the operator, found %1</source>
        <translation>после оператора ожидалось число или строка в кавычках, найдено %1</translation>
    </message>
    <message>
        <source>expected a quoted string, a number, true, false or null, found %1</source>
        <translation>ожидалась строка в кавычках, число, true, false или null, найдено %1</translation>
    </message>
    <message>
        <source>expected a quoted string, found %1 (write &quot;%2&quot;)</source>
        <translation>ожидалась строка в кавычках, найдено %1 (пишите &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>write &apos;%1 is null&apos; to find null values</source>
        <translation>чтобы найти значения null, пишите «%1 is null»</translation>
    </message>
    <message>
        <source>expected a quoted string, found %1</source>
        <translation>ожидалась строка в кавычках, найдено %1</translation>
    </message>
    <message>
        <source>column %1: %2</source>
        <translation>столбец %1: %2</translation>
    </message>
    <message>
        <source>expected &apos;and&apos;, &apos;or&apos; or the end of the filter after &apos;%1&apos;, found %2 (to search for a phrase, quote it: &quot;%1 ...&quot;)</source>
        <translation>после «%1» ожидалось «and», «or» или конец фильтра, а найдено %2 (чтобы искать фразу, возьмите её в кавычки: &quot;%1 ...&quot;)</translation>
    </message>
</context>
<context>
    <name>tidemark::RecordFormat</name>
    <message>
        <source>... %1 more bytes</source>
        <translation>... и ещё байт: %1</translation>
    </message>
</context>
<context>
    <name>tidemark::RecordScan</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>export cancelled; %1 was not written</source>
        <translation>экспорт отменён; %1 не записан</translation>
    </message>
</context>
<context>
    <name>tidemark::ReplayDialog</name>
    <message>
        <source>Keep the original timestamps</source>
        <translation>Сохранить исходные метки времени</translation>
    </message>
    <message>
        <source>Produce %1 of &lt;b&gt;%2&lt;/b&gt; again, byte for byte (keys, values, headers).</source>
        <translation>Снова отправить %1 из &lt;b&gt;%2&lt;/b&gt; байт в байт (ключи, значения, заголовки).</translation>
    </message>
    <message>
        <source>The topic the records are produced to</source>
        <translation>Топик, в который отправляются записи</translation>
    </message>
    <message>
        <source>To &amp;topic:</source>
        <translation>В &amp;топик:</translation>
    </message>
    <message>
        <source>Same partition as the source</source>
        <translation>Та же партиция, что у источника</translation>
    </message>
    <message>
        <source>By key (murmur2, as Kafka&apos;s producer)</source>
        <translation>По ключу (murmur2, как продюсер Kafka)</translation>
    </message>
    <message>
        <source>&amp;Partition:</source>
        <translation>&amp;Партиция:</translation>
    </message>
    <message>
        <source>Preview shows what goes where before anything is produced.</source>
        <translation>Предпросмотр показывает, что куда попадёт, до любой отправки.</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>Пред&amp;просмотр</translation>
    </message>
    <message>
        <source>P&amp;roduce</source>
        <translation>&amp;Отправить</translation>
    </message>
    <message>
        <source>Preview first: it reads the records and says where each would go.</source>
        <translation>Сначала предпросмотр: он читает записи и показывает, куда попадёт каждая.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Scanned %1 of %2 records, %3 produced</source>
        <translation>Просмотрено записей: %1 из %2, отправлено: %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 records (%2) of %3 scanned. Partitions in %4: %5.</source>
        <translation>
            <numerusform>%1 запись (%2) из %3 просмотренных. Партиций в %4: %5.</numerusform>
            <numerusform>%1 записи (%2) из %3 просмотренных. Партиций в %4: %5.</numerusform>
            <numerusform>%1 записей (%2) из %3 просмотренных. Партиций в %4: %5.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  partition %1 → partition %2: %3 records (%4)</source>
        <translation>
            <numerusform>  партиция %1 → партиция %2: %3 запись (%4)</numerusform>
            <numerusform>  партиция %1 → партиция %2: %3 записи (%4)</numerusform>
            <numerusform>  партиция %1 → партиция %2: %3 записей (%4)</numerusform>
        </translation>
    </message>
    <message>
        <source>The first records (partition@offset):</source>
        <translation>Первые записи (партиция@смещение):</translation>
    </message>
    <message>
        <source>  %1@%2 → %3@%4</source>
        <translation>  %1@%2 → %3@%4</translation>
    </message>
    <message>
        <source>  %1@%2 → partition %3</source>
        <translation>  %1@%2 → партиция %3</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Не выполнено: %1</translation>
    </message>
    <message numerus="yes">
        <source>P&amp;roduce %1 records</source>
        <translation>
            <numerusform>&amp;Отправить %1 запись</numerusform>
            <numerusform>&amp;Отправить %1 записи</numerusform>
            <numerusform>&amp;Отправить %1 записей</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing produced yet. Produce does exactly this.</source>
        <translation>Пока ничего не отправлено. «Отправить» сделает ровно это.</translation>
    </message>
    <message>
        <source>No records to produce.</source>
        <translation>Нет записей для отправки.</translation>
    </message>
    <message numerus="yes">
        <source>Produced %1 records to %2.</source>
        <translation>
            <numerusform>В %2 отправлена %1 запись.</numerusform>
            <numerusform>В %2 отправлено %1 записи.</numerusform>
            <numerusform>В %2 отправлено %1 записей.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 were refused, the first: %2</source>
        <translation>Отклонено: %1, первая причина: %2</translation>
    </message>
    <message>
        <source>Produce Records Again</source>
        <translation>Отправить записи снова</translation>
    </message>
</context>
<context>
    <name>tidemark::SavedFilters</name>
    <message>
        <source>A saved filter needs a name</source>
        <translation>У сохранённого фильтра должно быть имя</translation>
    </message>
    <message>
        <source>The filter does not parse: %1</source>
        <translation>Фильтр не разбирается: %1</translation>
    </message>
    <message>
        <source>Topic &apos;%1&apos; has %2 saved filters already; delete one first</source>
        <translation>У топика «%1» уже %2 сохранённых фильтров; сначала удалите один</translation>
    </message>
</context>
<context>
    <name>tidemark::SecretStore</name>
    <message>
        <source>No keychain is reachable (%1): the password is kept for this session only.</source>
        <translation>Связка ключей недоступна (%1): пароль хранится только до конца этого сеанса.</translation>
    </message>
</context>
<context>
    <name>tidemark::ThroughputCharts</name>
    <message>
        <source>Throughput (records/s)</source>
        <translation>Скорость (записей/с)</translation>
    </message>
    <message>
        <source>Lag (records)</source>
        <translation>Лаг (записей)</translation>
    </message>
    <message>
        <source>%1 produced</source>
        <translation>%1: отправлено</translation>
    </message>
    <message>
        <source>%1 consumed</source>
        <translation>%1: прочитано</translation>
    </message>
    <message>
        <source>%.0f s</source>
        <extracomment>Axis labels in seconds before now, e.g. &quot;-30 s&quot;; printf format</extracomment>
        <translation>%.0f с</translation>
    </message>
</context>
<context>
    <name>tidemark::ThroughputSampler</name>
    <message>
        <source>Charts: %1</source>
        <translation>Графики: %1</translation>
    </message>
</context>
<context>
    <name>tidemark::TimelineCanvas</name>
    <message>
        <source>starting</source>
        <translation>запускается</translation>
    </message>
    <message>
        <source>running</source>
        <translation>работает</translation>
    </message>
    <message>
        <source>rebalancing</source>
        <translation>ребаланс</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>убит</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>сбой</translation>
    </message>
    <message>
        <source>Partition timelines</source>
        <translation>Ленты партиций</translation>
    </message>
    <message>
        <source>No records yet: produce some and watch the lanes grow.</source>
        <translation>Записей пока нет: отправьте несколько и смотрите, как растут ленты.</translation>
    </message>
    <message>
        <source>Choose a topic to see its partitions as timelines.</source>
        <translation>Выберите топик, чтобы увидеть его партиции в виде лент.</translation>
    </message>
    <message>
        <source>Loading topic &apos;%1&apos;…</source>
        <translation>Загрузка топика «%1»…</translation>
    </message>
    <message>
        <source>lag %1</source>
        <translation>лаг %1</translation>
    </message>
    <message>
        <source>P%1</source>
        <translation>P%1</translation>
    </message>
    <message>
        <source>loading %1%</source>
        <translation>загрузка %1%</translation>
    </message>
    <message>
        <source>%1 rec</source>
        <translation>%1 зап.</translation>
    </message>
    <message>
        <source>offset</source>
        <translation>оффсет</translation>
    </message>
    <message numerus="yes">
        <source>%1 partitions</source>
        <translation>
            <numerusform>%1 партиция</numerusform>
            <numerusform>%1 партиции</numerusform>
            <numerusform>%1 партиций</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 records</source>
        <translation>
            <numerusform>%1 запись</numerusform>
            <numerusform>%1 записи</numerusform>
            <numerusform>%1 записей</numerusform>
        </translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>загрузка…</translation>
    </message>
    <message>
        <source>No consumer group reads this topic yet.</source>
        <translation>Этот топик пока не читает ни одна группа консьюмеров.</translation>
    </message>
    <message>
        <source>%1[%2] · offsets %3–%4</source>
        <translation>%1[%2] · оффсеты %3–%4</translation>
    </message>
    <message>
        <source>Time: %1 – %2</source>
        <translation>Время: %1 – %2</translation>
    </message>
    <message>
        <source>Zoom in to see single records.</source>
        <translation>Приблизьте, чтобы увидеть отдельные записи.</translation>
    </message>
    <message>
        <source>%1[%2] · offset %3</source>
        <translation>%1[%2] · оффсет %3</translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation>Ключ: %1</translation>
    </message>
    <message>
        <source>Key: null</source>
        <translation>Ключ: null</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Время: %1</translation>
    </message>
    <message>
        <source>Size: %1 bytes</source>
        <translation>Размер (байт): %1</translation>
    </message>
    <message>
        <source>Not loaded yet</source>
        <translation>Ещё не загружена</translation>
    </message>
    <message>
        <source>No record at this offset (compacted or a control record)</source>
        <translation>На этом оффсете записи нет (удалена компактированием или служебная)</translation>
    </message>
    <message>
        <source>Key colour bucket %1</source>
        <translation>Цветовая группа ключа %1</translation>
    </message>
    <message>
        <source>Time: ≈ %1</source>
        <translation>Время: ≈ %1</translation>
    </message>
    <message>
        <source>Size: ≈ %1 bytes</source>
        <translation>Размер (байт): ≈ %1</translation>
    </message>
    <message>
        <source>Click to open it in the inspector.</source>
        <translation>Щёлкните, чтобы открыть её в инспекторе.</translation>
    </message>
    <message>
        <source>Group %1 · committed offset %2</source>
        <translation>Группа %1 · закоммиченный оффсет %2</translation>
    </message>
    <message numerus="yes">
        <source>Lag: %1 records</source>
        <translation>
            <numerusform>Лаг: %1 запись</numerusform>
            <numerusform>Лаг: %1 записи</numerusform>
            <numerusform>Лаг: %1 записей</numerusform>
        </translation>
    </message>
    <message>
        <source>Drag to propose an offset reset.</source>
        <translation>Перетащите, чтобы предложить сброс оффсета.</translation>
    </message>
    <message>
        <source>Next offset to read: %1</source>
        <translation>Следующий оффсет к чтению: %1</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>Группа: %1</translation>
    </message>
    <message>
        <source>High watermark %1</source>
        <translation>Верхняя отметка %1</translation>
    </message>
    <message>
        <source>The offset the next record will get.</source>
        <translation>Этот оффсет получит следующая запись.</translation>
    </message>
    <message>
        <source>Log start %1</source>
        <translation>Начало лога %1</translation>
    </message>
    <message>
        <source>Older records were removed by retention.</source>
        <translation>Более старые записи удалены по сроку хранения.</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>owners, last %1 s</source>
        <translation>владельцы, последние %1 с</translation>
    </message>
    <message>
        <source>Value: null (tombstone)</source>
        <translation>Значение: null (надгробие)</translation>
    </message>
    <message>
        <source>killed · %1 s</source>
        <translation>убит · %1 с</translation>
    </message>
    <message>
        <source>sampled: 1 in %1 records</source>
        <translation>выборка: 1 из %1 записей</translation>
    </message>
    <message>
        <source>Highlight This Key (K)</source>
        <translation>Подсветить этот ключ (K)</translation>
    </message>
    <message>
        <source>Clear Highlight (Esc)</source>
        <translation>Снять подсветку (Esc)</translation>
    </message>
    <message>
        <source>search stopped: %1</source>
        <translation>поиск остановлен: %1</translation>
    </message>
    <message>
        <source>scanned %1%</source>
        <translation>просмотрено %1%</translation>
    </message>
    <message>
        <source>Timeline: zoom in</source>
        <translation>Лента: приблизить</translation>
    </message>
    <message>
        <source>Timeline: zoom out</source>
        <translation>Лента: отдалить</translation>
    </message>
    <message>
        <source>Timeline: scroll back / forward</source>
        <translation>Лента: прокрутить назад / вперёд</translation>
    </message>
    <message>
        <source>Timeline: go to the first record</source>
        <translation>Лента: к первой записи</translation>
    </message>
    <message>
        <source>Timeline: follow the newest records</source>
        <translation>Лента: следить за новыми записями</translation>
    </message>
    <message>
        <source>Timeline: fit everything</source>
        <translation>Лента: вписать всё</translation>
    </message>
    <message>
        <source>The first record of the partition: nothing was removed yet.</source>
        <translation>Первая запись партиции: ничего ещё не удалено.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln matches</source>
        <translation>
            <numerusform>%1: %Ln совпадение</numerusform>
            <numerusform>%1: %Ln совпадения</numerusform>
            <numerusform>%1: %Ln совпадений</numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>ещё %1</translation>
    </message>
    <message>
        <source>timed out · rebalancing</source>
        <translation>сессия истекла · ребаланс</translation>
    </message>
    <message>
        <source>stopped</source>
        <comment>consumer group: nobody reads, it resumes here</comment>
        <translation>остановлена</translation>
    </message>
    <message>
        <source>Stopped: none of its members reads. It resumes here.</source>
        <translation>Остановлена: никто из её участников не читает. Чтение продолжится отсюда.</translation>
    </message>
    <message>
        <source>→ %1</source>
        <comment>offset reset of a group that committed nothing on the partition yet</comment>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>Timeline: highlight the key of the record under the pointer (or clicked last)</source>
        <translation>Лента: подсветить ключ записи под указателем (или последней выбранной)</translation>
    </message>
    <message>
        <source>, all on %1</source>
        <comment>highlight: every match is on this lane (P1)</comment>
        <translation>, все на %1</translation>
    </message>
    <message>
        <source>, on %1</source>
        <comment>highlight: the lanes with matches (P0, P2)</comment>
        <translation>, на %1</translation>
    </message>
    <message>
        <source>zoom in to see each</source>
        <comment>highlight: several matches share a pixel column</comment>
        <translation>приблизьте, чтобы увидеть каждое</translation>
    </message>
    <message numerus="yes">
        <source>%Ln matches</source>
        <comment>highlight: the legend&apos;s brief form</comment>
        <translation>
            <numerusform>%Ln совпадение</numerusform>
            <numerusform>%Ln совпадения</numerusform>
            <numerusform>%Ln совпадений</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline: clear the key highlight, or cancel a proposed offset reset</source>
        <translation>Лента: снять подсветку ключа или отменить предложенный сброс оффсета</translation>
    </message>
    <message>
        <source>%1 before its restart: killed, it still holds %2.</source>
        <translation>%1 до перезапуска: убит, но всё ещё держит %2.</translation>
    </message>
    <message numerus="yes">
        <source>Nobody reads it until its session ends in %n s.</source>
        <translation>
            <numerusform>Никто её не читает, пока сессия не истечёт, ещё %n секунду.</numerusform>
            <numerusform>Никто её не читает, пока сессия не истечёт, ещё %n секунды.</numerusform>
            <numerusform>Никто её не читает, пока сессия не истечёт, ещё %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>Its session is over: the group hands %1 over.</source>
        <translation>Его сессия истекла: группа передаёт %1 другому.</translation>
    </message>
    <message>
        <source>Stopped reading at offset %1</source>
        <translation>Перестал читать на оффсете %1</translation>
    </message>
    <message>
        <source>%1B</source>
        <comment>compact number: billions</comment>
        <translation>%1 млрд</translation>
    </message>
    <message>
        <source>%1M</source>
        <comment>compact number: millions</comment>
        <translation>%1 млн</translation>
    </message>
    <message>
        <source>%1k</source>
        <comment>compact number: thousands</comment>
        <translation>%1 тыс.</translation>
    </message>
</context>
<context>
    <name>tidemark::TimelineHighlight</name>
    <message>
        <source>no topic to search</source>
        <translation>нет топика для поиска</translation>
    </message>
</context>
<context>
    <name>tidemark::TimelineLoader</name>
    <message>
        <source>Cannot read topic &apos;%1&apos; from %2: %3</source>
        <translation>Не удаётся прочитать топик «%1» с %2: %3</translation>
    </message>
    <message>
        <source>Cannot list consumer groups: %1</source>
        <translation>Не удаётся получить список групп консьюмеров: %1</translation>
    </message>
    <message>
        <source>Cannot read %1[%2] at offset %3: %4</source>
        <translation>Не удаётся прочитать %1[%2] с оффсета %3: %4</translation>
    </message>
    <message>
        <source>Not connected to a broker.</source>
        <translation>Нет подключения к брокеру.</translation>
    </message>
    <message>
        <source>%1[%2]: the record at offset %3 is damaged and skipped: %4</source>
        <translation>%1[%2]: запись с оффсетом %3 повреждена и пропущена: %4</translation>
    </message>
</context>
<context>
    <name>tidemark::TimelineView</name>
    <message>
        <source>Colour by</source>
        <translation>Цвет:</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>A stable colour per record key</source>
        <translation>Постоянный цвет для каждого ключа записи</translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation>Консьюмер</translation>
    </message>
    <message>
        <source>The colour of the consumer that owns the partition</source>
        <translation>Цвет консьюмера, которому принадлежит партиция</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Вписать</translation>
    </message>
    <message>
        <source>Show every offset (F)</source>
        <translation>Показать все оффсеты (F)</translation>
    </message>
    <message>
        <source>Follow head</source>
        <translation>Следить за концом</translation>
    </message>
    <message>
        <source>Keep the newest records in view (End)</source>
        <translation>Держать самые новые записи на виду (End)</translation>
    </message>
    <message>
        <source>Reset offset</source>
        <translation>Сбросить оффсет</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>No topic</source>
        <translation>Нет топика</translation>
    </message>
    <message numerus="yes">
        <source>%1 records will be read again.</source>
        <translation>
            <numerusform>Повтор %1 записи.</numerusform>
            <numerusform>Повтор %1 записей.</numerusform>
            <numerusform>Повтор %1 записей.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 records will be skipped.</source>
        <translation>
            <numerusform>%1 запись будет пропущена.</numerusform>
            <numerusform>%1 записи будут пропущены.</numerusform>
            <numerusform>%1 записей будут пропущены.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resetting group %1 on %2[%3] to %4…</source>
        <translation>Сброс группы %1 на %2[%3] на %4…</translation>
    </message>
    <message>
        <source>Group %1 on %2 now resumes at offset %3.</source>
        <translation>Группа %1 на %2 теперь продолжит с оффсета %3.</translation>
    </message>
    <message>
        <source>Could not reset group %1 on %2: %3</source>
        <translation>Не удалось сбросить группу %1 на %2: %3</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Fetch budget</source>
        <translation>Бюджет чтения</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> МБ</translation>
    </message>
    <message>
        <source>How much this view may read from a Kafka cluster for a sampled overview</source>
        <translation>Сколько этот вид может прочитать из кластера Kafka для обзора по выборке</translation>
    </message>
    <message>
        <source>Load this range completely…</source>
        <translation>Загрузить этот диапазон полностью…</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Загрузить</translation>
    </message>
    <message>
        <source>Loading this range completely: %1% · %2 read</source>
        <translation>Полная загрузка диапазона: %1% · прочитано %2</translation>
    </message>
    <message numerus="yes">
        <source>Load %1 records of this range (about %2) from %3?</source>
        <translation>
            <numerusform>Загрузить %1 запись этого диапазона (около %2) из %3?</numerusform>
            <numerusform>Загрузить %1 записи этого диапазона (около %2) из %3?</numerusform>
            <numerusform>Загрузить %1 записей этого диапазона (около %2) из %3?</numerusform>
        </translation>
    </message>
    <message>
        <source>A sample: the fetch budget of %1 is spent.</source>
        <translation>Выборка: бюджет чтения %1 исчерпан.</translation>
    </message>
    <message>
        <source>A sample: %1 read of the %2 budget.</source>
        <translation>Выборка: прочитано %1 из бюджета %2.</translation>
    </message>
    <message>
        <source>A sample: %1 read from disk.</source>
        <translation>Выборка: прочитано с диска %1.</translation>
    </message>
    <message>
        <source>Stop the group</source>
        <translation>Остановить группу</translation>
    </message>
    <message>
        <source>Stop this group&apos;s consumers in this app (they commit and leave), then reset</source>
        <translation>Остановить консьюмеры этой группы в приложении (они закоммитят и выйдут), затем сбросить</translation>
    </message>
    <message>
        <source>%1 (in this app)</source>
        <translation>%1 (в этом приложении)</translation>
    </message>
    <message>
        <source>%1 (in this app, %2)</source>
        <translation>%1 (в этом приложении, %2)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 на %2</translation>
    </message>
    <message>
        <source>a client on %1</source>
        <translation>клиент на %1</translation>
    </message>
    <message>
        <source>an unknown host</source>
        <translation>неизвестном хосте</translation>
    </message>
    <message>
        <source>the group still has members: %1. Offsets can only be reset while none of its consumers runs.</source>
        <translation>в группе ещё есть участники: %1. Оффсеты можно сбросить, только когда ни один её консьюмер не работает.</translation>
    </message>
    <message>
        <source>Stop the others where they run.</source>
        <translation>Остальных остановите там, где они запущены.</translation>
    </message>
    <message>
        <source>The group&apos;s consumers must be stopped first.</source>
        <translation>Консьюмеры группы должны быть сначала остановлены.</translation>
    </message>
    <message>
        <source>Reset group &lt;b&gt;%1&lt;/b&gt; on %2[%3] from %4 to &lt;b&gt;%5&lt;/b&gt;? %6</source>
        <translation>Сбросить группу &lt;b&gt;%1&lt;/b&gt; на %2[%3] с %4 на &lt;b&gt;%5&lt;/b&gt;? %6</translation>
    </message>
    <message>
        <source>Waiting for the group&apos;s consumers to stop</source>
        <translation>Ждём, пока консьюмеры группы остановятся</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 и %2</translation>
    </message>
    <message numerus="yes">
        <source>Could not reset: %1 are still running.</source>
        <translation>
            <numerusform>Нельзя сбросить: %1 ещё работает.</numerusform>
            <numerusform>Нельзя сбросить: %1 ещё работают.</numerusform>
            <numerusform>Нельзя сбросить: %1 ещё работают.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset &lt;b&gt;%1&lt;/b&gt; on %2 to &lt;b&gt;%3&lt;/b&gt;? %4</source>
        <translation>Сбросить &lt;b&gt;%1&lt;/b&gt; в %2 на &lt;b&gt;%3&lt;/b&gt;? %4</translation>
    </message>
    <message>
        <source>Colour by key or consumer, Fit, Follow head</source>
        <translation>Цвет по ключу или консьюмеру, Вписать, Следить за концом</translation>
    </message>
    <message>
        <source>Colour by key</source>
        <translation>Цвет по ключу</translation>
    </message>
    <message>
        <source>Colour by consumer</source>
        <translation>Цвет по консьюмеру</translation>
    </message>
    <message numerus="yes">
        <source>%1 (killed) are still members for %n more s</source>
        <translation>
            <numerusform>%1 (убиты) ещё %n секунду в группе</numerusform>
            <numerusform>%1 (убиты) ещё %n секунды в группе</numerusform>
            <numerusform>%1 (убиты) ещё %n секунд в группе</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (killed) is still a member for %n more s</source>
        <translation>
            <numerusform>%1 (убит) ещё %n секунду в группе</numerusform>
            <numerusform>%1 (убит) ещё %n секунды в группе</numerusform>
            <numerusform>%1 (убит) ещё %n секунд в группе</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (killed) is still a member until its session ends</source>
        <translation>
            <numerusform>%1 (убит) ещё в группе до конца своей сессии</numerusform>
            <numerusform>%1 (убиты) ещё в группе до конца своих сессий</numerusform>
            <numerusform>%1 (убиты) ещё в группе до конца своих сессий</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not reset: %1.</source>
        <translation>Нельзя сбросить: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Could not reset: %1 are still running, and %2.</source>
        <translation>
            <numerusform>Нельзя сбросить: %1 ещё работает, а %2.</numerusform>
            <numerusform>Нельзя сбросить: %1 ещё работают, а %2.</numerusform>
            <numerusform>Нельзя сбросить: %1 ещё работают, а %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>A killed consumer stays a member until its session times out: reset then.</source>
        <translation>Убитый консьюмер остаётся участником группы, пока не истечёт его сессия: сбросьте после этого.</translation>
    </message>
</context>
<context>
    <name>tidemark::TopicBrowser</name>
    <message>
        <source>Filter topics</source>
        <translation>Фильтр топиков</translation>
    </message>
    <message>
        <source>New topic (Ctrl+N)</source>
        <translation>Новый топик (Ctrl+N)</translation>
    </message>
    <message>
        <source>Delete the selected topic (Shift+Del)</source>
        <translation>Удалить выбранный топик (Shift+Del)</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Обновить (F5)</translation>
    </message>
    <message>
        <source>Loading topics…</source>
        <translation>Загрузка топиков…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>Cannot list topics: %1</source>
        <translation>Не удаётся получить список топиков: %1</translation>
    </message>
    <message>
        <source>No topics yet. Create one with + (Ctrl+N).</source>
        <translation>Топиков пока нет. Создайте топик кнопкой + (Ctrl+N).</translation>
    </message>
    <message>
        <source>Topics: %1 · records: %2</source>
        <translation>Топиков: %1 · записей: %2</translation>
    </message>
    <message>
        <source>cannot create topic &apos;%1&apos;: %2</source>
        <translation>не удаётся создать топик «%1»: %2</translation>
    </message>
    <message>
        <source>created topic &apos;%1&apos; (partitions: %2)</source>
        <translation>создан топик «%1» (партиций: %2)</translation>
    </message>
    <message>
        <source>Delete Topic</source>
        <translation>Удаление топика</translation>
    </message>
    <message numerus="yes">
        <source>Delete topic &apos;%1&apos; and its %2 records?</source>
        <translation>
            <numerusform>Удалить топик «%1» и его %2 запись?</numerusform>
            <numerusform>Удалить топик «%1» и его %2 записи?</numerusform>
            <numerusform>Удалить топик «%1» и его %2 записей?</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone. Consumer groups lose their offsets for it.</source>
        <translation>Это нельзя отменить. Группы консьюмеров потеряют свои оффсеты для этого топика.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Cannot delete &apos;%1&apos;: %2</source>
        <translation>Не удаётся удалить «%1»: %2</translation>
    </message>
    <message>
        <source>cannot delete topic &apos;%1&apos;: %2</source>
        <translation>не удаётся удалить топик «%1»: %2</translation>
    </message>
    <message>
        <source>deleted topic &apos;%1&apos;</source>
        <translation>удалён топик «%1»</translation>
    </message>
    <message>
        <source>topics</source>
        <translation>топики</translation>
    </message>
</context>
<context>
    <name>tidemark::TopicListModel</name>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>%1: partitions: %2, replication factor %3, records: %4</source>
        <translation>%1: партиций: %2, фактор репликации %3, записей: %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Топик</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>Парт.</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Записи</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>Партиции</translation>
    </message>
</context>
</TS>
