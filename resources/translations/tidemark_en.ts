<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>tidemark</name>
    <message>
        <source>choose a topic to produce the records to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>topic &apos;%1&apos; has no partitions yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&apos;%1&apos; has %2 partitions, so records of partition %3 cannot keep their partition; place them by key instead</source>
        <translation>
            <numerusform>&apos;%1&apos; has %2 partition, so records of partition %3 cannot keep their partition; place them by key instead</numerusform>
            <numerusform>&apos;%1&apos; has %2 partitions, so records of partition %3 cannot keep their partition; place them by key instead</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled after %1 records were produced to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ConnectionBar</name>
    <message>
        <source>&amp;Broker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where topics live: the built-in broker (no server needed) or a Kafka cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use another data directory for the built-in broker (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, edit, test and remove Kafka cluster profiles (Ctrl+Shift+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in broker: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1 to answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ConnectionLifecycle</name>
    <message>
        <source>Cannot open the built-in broker&apos;s data directory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is listening on %1. Is Kafka running? Start it (the cluster of packaging/compose starts with “docker compose up -d”) or switch back to the built-in broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address %1 does not resolve to a host. Check the profile&apos;s bootstrap servers, or switch back to the built-in broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Kafka broker at %1 answered within %2 s. Check that Kafka is running there and reachable from this machine, or switch back to the built-in broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is listening on %1. Is Kafka running there? Or switch back to the built-in broker.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ConnectionNotice</name>
    <message>
        <source>&amp;Try Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;Built-in Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the Kafka client library reported, word for word</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ConnectionSpec</name>
    <message>
        <source>Local: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ConsumerManager</name>
    <message>
        <source>consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start a consumer: not connected to a broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start a consumer: a group id and a topic are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting in group &apos;%1&apos; on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping: commit, then leave the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killing: no commit, no leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restarting: clean stop first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restarting in group &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned no partitions (generation %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned %1 (generation %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost %1 without a chance to commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the consumer thread ended unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replays %1 offsets %2-%3: the group&apos;s committed offset was reset from %4 to %2 (a replay you asked for, not a redelivery)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-delivered %1 from offset %2: processed before by a member that was killed or crashed before committing them (at-least-once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keeps %1 until its session timeout of %2 s runs out: the group cannot tell a dead member from a slow one, so nobody reads them meanwhile and their lag grows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took %1 over from %2, %3 s after it was killed (its session timeout: %4 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member %1</source>
        <comment>took &lt;partitions&gt; over from member &lt;id&gt;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took %1 over from %2, which left the group without letting go of it (it died, or did not poll within its session timeout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned no partitions by hand (no group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned %1 by hand (no group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned no partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assigned %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked %1 (generation %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evicted from the group for not polling within its session timeout of %1 s; joining again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost %1: evicted from the group for not polling within its session timeout of %2 s; joining again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>topic &apos;%1&apos; does not exist yet; waiting for it to be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped with its connection (a clean stop: it commits what it processed and leaves its group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: %1 (a clean stop: it commits what it processed and leaves its group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>stopping the group: %n member(s) commit what they processed, then leave</source>
        <translation>
            <numerusform>stopping the group: its %n member commits what it processed, then leaves</numerusform>
            <numerusform>stopping the group: %n members commit what they processed, then leave</numerusform>
        </translation>
    </message>
    <message>
        <source>the group stopped: its member committed and left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the group stopped: both members committed and left together</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the group stopped: all %n members committed and left together</source>
        <translation>
            <numerusform>the group stopped: its %n member committed and left</numerusform>
            <numerusform>the group stopped: all %n members committed and left together</numerusform>
        </translation>
    </message>
    <message>
        <source>offset of %1 reset to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ConsumerRunner</name>
    <message>
        <source>cannot create the consumer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not commit the revoked partitions (%1); their new owner resumes from the last commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>committed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>committed %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resumes %1 at offset %2, the committed offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>got %1, committed offset %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starts %1 at offset %2 (nothing committed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>got %1 (nothing committed yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partitions revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed: no commit, no leave; records processed since the last commit, to be delivered again: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clean stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped and left the group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ConsumerTreeModel</name>
    <message>
        <source>joining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rebalancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in group &apos;%2&apos; on %3
state: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
no partition assigned: the group has more consumers than partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
member %1, generation %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
records delivered again after a kill or crash: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partition %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next offset to process in the partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed offset: where the group resumes after a crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (+%2, %3 replayed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 replayed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
records replayed after an offset reset (read again on purpose): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records processed; (+N): of them delivered again after a kill; (N replayed): read again after an offset reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed · %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
keeps its partitions until its session timeout runs out, in %1 s; then the group hands them over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out · rebalancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
its session timed out: the group is rebalancing, another member takes its partitions over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
%1: end of the partition %2, committed offset %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag unknown: nothing committed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag %1: records after the group&apos;s committed offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
not read yet by %1: %2 (after its position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag: end of the partition minus the group&apos;s committed offset, as Kafka counts it (the records the group would read if it resumed now). The tooltip of a cell also says how many the consumer has not read yet (end minus position)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>its membership before the restart was killed and still holds %1: nobody reads it for %n more s (its session timeout), then the group hands it over</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>its killed membership&apos;s session is over: the group is rebalancing, a member takes %1 over now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 before its restart: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 held by %2 · %3</source>
        <comment>partition 2 held by billing #2 (old) · killed · 4 s</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>
the group waits for %1&apos;s killed membership (before its restart): it holds %2 for %n more s (its session timeout), then the group hands it over</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tidemark::ConsumersPanel</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers in one group share the partitions; each group reads everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many consumers to start in the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> /s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records per second each consumer processes; slow consumers make lag and hand-over visible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start consumers in the group on the selected topic (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit what it processed and leave the group (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard stop: no commit, no leave. The group notices after the session timeout and re-delivers what was not committed (Ctrl+Shift+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start it again: it resumes from the group&apos;s committed offsets (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a broker to start consumers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a topic: consumers subscribe to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a group on &apos;%1&apos;. Two or more consumers share its partitions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer groups of &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer groups of &apos;%1&apos;: loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer groups of &apos;%1&apos;: none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer groups of &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All groups (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this app (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session timeout of the consumers you start: a killed consumer keeps its partitions this long before the group hands them over (Kafka&apos;s session.timeout.ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 read %2 records again after the offset reset: a replay, not a redelivery.</source>
        <translation>
            <numerusform>%1 read %2 record again after the offset reset: a replay, not a redelivery.</numerusform>
            <numerusform>%1 read %2 records again after the offset reset: a replay, not a redelivery.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was killed: it keeps %2 for %3 s more (its session timeout), then the group hands them over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill one (Ctrl+Shift+K): after its session timeout, others take its partitions and uncommitted records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s session timed out: the group is rebalancing, another member takes %2 over now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consumer runs: restart one (Ctrl+Shift+R) or start a group on &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 got %2 records again after %3 was killed: processed, but never committed.</source>
        <translation>
            <numerusform>%1 got %2 record again after %3 was killed: processed, but never committed.</numerusform>
            <numerusform>%1 got %2 records again after %3 was killed: processed, but never committed.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 took %2 over from %3: what %3 processed but never committed comes again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 restarted: it resumes at the committed offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 replays %2: the group&apos;s committed offset was reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group %1&apos;s offsets were reset: start it again to replay from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 came back too soon: its killed membership keeps %2 for %3 s more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s killed membership timed out: the group is rebalancing, a member takes %2 over now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop it if running and remove it from the list (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove the %n consumers that no longer run from the list: stopped, failed, or killed and handed over (Ctrl+Delete in the list). The running ones stay.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The group %1&apos;s offsets were moved ahead: start it again to resume there, skipping records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting %2 s for %1 to time out: it was killed and keeps %3 until then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting %2 s for %1 to time out: they were killed and keep %3 until then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer runs: Restart (Ctrl+Shift+R) resumes it at the group&apos;s committed offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 took %2 from %3: all committed, nothing read twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::CreateTopicDialog</name>
    <message>
        <source>New Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records with the same key always land in the same partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partitions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many brokers keep a copy of each partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in broker keeps one copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replication factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;.&apos; and &apos;..&apos; are not topic names.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::Error</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrupt data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I/O error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::EventLog</name>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>committed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>committed %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %Ln commits</source>
        <translation>
            <numerusform>%1 · %Ln commit</numerusform>
            <numerusform>%1 · %Ln commits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tidemark::EventLogModel</name>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebalance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::EventsPane</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose which kinds of events are listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebalances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other (connections, topics, consumers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the event log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 listed, %2 in the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New events ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to the newest event and follow the new ones again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::GroupTreeModel</name>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing rebalance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completing rebalance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
no live member: its committed offsets stay where it resumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client %1 on %2
member %3
assigned: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partition %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[%2]: committed %3, end %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records after the committed offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (generation %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group &apos;%1&apos;: %2, generation %3, assignor %4, members: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>committed offsets on %1 of %2 partitions</source>
        <translation>
            <numerusform>committed offsets on %1 of %2 partition</numerusform>
            <numerusform>committed offsets on %1 of %2 partitions</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>client id (host)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A group with its generation; under it its members (client id and host), under each member the partitions assigned to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group&apos;s state at the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committed offset of each partition: where the group resumes it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::HeadersEditor</name>
    <message>
        <source>Add header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the header with a null value (no value at all), which is not the same as an empty one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a header (Insert in the table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected header (Delete in the table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header %1 has no name: type one, or remove the row.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::KafkaProfile</name>
    <message>
        <source>Local cluster (compose)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::KafkaProfilesDialog</name>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate file (SSL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bootstrap servers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Security:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SASL &amp;mechanism:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available: the password is kept only for this session and never written to disk. You will be asked again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect &amp;timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every profile needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two profiles are called &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; has no bootstrap servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK: cluster %1, brokers: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host1:9092,host2:9092</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify the broker&apos;s host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client certificate, for mutual TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fi&amp;le:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private ke&amp;y file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the passwords in the system &amp;keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only if the private key is encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without the box ticked, the passwords are kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the Kafka client library reported, word for word</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::KafkaSecurity</name>
    <message>
        <source>The Kafka broker %1 refused the user name or password (SASL %2): check the user name and the password of the profile (the broker does not say which of the two is wrong).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Kafka broker %1 does not accept the SASL mechanism %2 (it offers: %3): choose one of those in the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of the Kafka broker %1 is not signed by a CA the profile trusts: check the profile&apos;s CA certificate file (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of the Kafka broker %1 is not made for the host name %2: connect with a host name the certificate names, or (on a test cluster only) turn off host name verification in the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of the Kafka broker %1 has expired or is not valid yet: check the broker&apos;s certificate and this computer&apos;s clock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Kafka broker %1 refused the client certificate of the profile (%2): check that the certificate and key files belong together, have not expired and are signed by a CA the broker trusts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client certificate %1 of the profile expired on %2: the broker will refuse it; get a new certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Kafka broker %1 did not answer the TLS handshake: the port is probably a PLAINTEXT or SASL_PLAINTEXT listener; check the profile&apos;s security protocol and port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Kafka broker %1 closed the connection before answering: the port probably expects TLS; check the profile&apos;s security protocol (SSL or SASL_SSL) and port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the profile %1 does not check that the broker&apos;s certificate names the broker&apos;s host: anyone who can intercept the connection can pretend to be the broker. Use this on test clusters only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: librdkafka %1 cannot log in with SCRAM to Kafka 4.0 or newer brokers (fixed in librdkafka 2.6.1); with such a broker use PLAIN over SASL_SSL or a newer librdkafka.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 of the profile cannot be read: check its name and permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the private key %1 can be read by every user of this computer: make it readable by you only (chmod 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key %1 is encrypted and the profile has no key password: enter the key&apos;s password in the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key password of the profile does not decrypt the private key %1: check the key password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: -X %1=... puts a secret on the command line (the process list and the shell history show it); prefer --password-env VAR for the SASL password and --key-password-env VAR for the key&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the profile %1 keeps a secret in its extra librdkafka setting %2, which the settings file holds in plain text; use the profile&apos;s password fields instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the profile %1 does not verify the broker&apos;s certificate at all (enable.ssl.certificate.verification=false): anyone who can intercept the connection can pretend to be the broker. Use this on test clusters only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::LagHistoryChart</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 6 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: the age of the oldest unconsumed record, estimated from the recorded log ends (to the sampling interval, 10 s; coarser for older history).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the lag history of every group as CSV or JSON lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer group (every group on the broker is recorded, also those this app does not run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the lag history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consumer group recorded yet. Every group on the broker is sampled every 10 s and kept for 7 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%.0f s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No samples of %1 in this range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag now: %1 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oldest unconsumed record at least %1 old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oldest unconsumed record about %1 old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trend: not enough samples yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>caught up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>falling %1 records/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>caught up in about %1 (at %2) at this rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rising %1 records/s: not catching up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steady: not catching up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Lag History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag history exported: %1 lines to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::LessonStrip</name>
    <message>
        <source>Lesson complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with one click: a topic &apos;orders&apos; with 3 partitions and a first order keyed by its user id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send an order (Ctrl+Return): its key, the user id, decides its partition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: generate orders (Ctrl+G) and watch the keys spread them over the 3 partitions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: start a group of 2 consumers (Ctrl+Shift+N): the group shares the partitions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It came back before its session ran out. Kill a consumer again (Ctrl+Shift+K) and wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: select a consumer and kill it (Ctrl+Shift+K): no commit, no goodbye to the group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partitions until its session times out (%2 s left); then the other member takes them over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partitions until its session times out; then the other member takes them over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group took over. Next: restart %1 (Ctrl+Shift+R): it resumes at the committed offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You saw keys, partitions, a group, a takeover, a restart and a replay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &apos;orders&apos; and Send an Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the lesson for good (Help ▸ Show the Lesson brings it back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch: %1&apos;s session timed out; the group is rebalancing and the other member takes its partitions over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: start the group %1 again (Ctrl+Shift+N), select a consumer and kill it (Ctrl+Shift+K).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group took over. Next: start the group %1 again (Ctrl+Shift+N): it resumes at the committed offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partition until its session times out (%2 s left); then the other member takes it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch: %1&apos;s session timed out; the group is rebalancing and the other member takes its partition over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partition until its session times out; then the other member takes it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last: drag the committed offset back on the timeline, stop the group when asked, Reset, start again: a replay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partition, but no other member of %2 runs to take it over: restart one (Ctrl+Shift+R) to see the takeover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch: %1 keeps its partitions, but no other member of %2 runs to take them over: restart one (Ctrl+Shift+R) to see the takeover.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::MainWindow</name>
    <message numerus="yes">
        <source>%1: %2 records</source>
        <translation>
            <numerusform>%1: %2 record</numerusform>
            <numerusform>%1: %2 records</numerusform>
        </translation>
    </message>
    <message>
        <source>Tidemark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the broker…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offset reset of %1 refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to &amp;Built-in Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Data Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show Data Folder in File Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kafka Profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Record Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Record &amp;Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce &amp;Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find in Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Live Tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;Consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top Consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kill Consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart Consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Tidemark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected · %1 · cluster %2, brokers: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data Folder of the Built-in Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka profiles saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Tidemark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce, consume and see message-broker topics: a built-in file-log broker that needs no server, or Apache Kafka.

Help → Copy Diagnostics puts versions, platform and connection on the clipboard for bug reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language takes effect when Tidemark starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart &amp;Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot serve Kafka clients: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot serve Kafka clients: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot serve Kafka clients: the setting kafkaServer/listen is not HOST:PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the built-in broker can serve Kafka clients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot serve Kafka clients on %1: it is not a loopback address and the listener has no authentication. Set kafkaServer/allowRemote to true to serve it anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serving Kafka clients on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped serving Kafka clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client %1 connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client %1 disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Serve Kafka Clients on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let any Kafka client (kcat, Java, librdkafka…) produce and consume on this data directory at %1 (Ctrl+Shift+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the built-in broker can serve Kafka clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka listener starting on %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka clients: %1 · connected: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka listener stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connecting to %1 stops them cleanly: they commit what they processed and leave their groups. Start them again on the new connection if you need them.</source>
        <translation>
            <numerusform>Connecting to %1 stops it cleanly: it commits what it processed and leaves its group. Start it again on the new connection if you need it.</numerusform>
            <numerusform>Connecting to %1 stops them cleanly: they commit what they processed and leave their groups. Start them again on the new connection if you need them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Stop Them and Connect</source>
        <translation>
            <numerusform>&amp;Stop It and Connect</numerusform>
            <numerusform>&amp;Stop Them and Connect</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Keep the Current Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stayed on %1: consumers are running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the &amp;Lesson</source>
        <translation></translation>
    </message>
    <message>
        <source>Copy as JSON Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The record as one line of JSON, as tidemark-cli consume prints it and produce reads it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show on Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset Group to Here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: read from offset %2 on</source>
        <extracomment>A group in the &quot;Reset Group to Here&quot; menu: it will read this record next</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consumer group reads this topic yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the running consumer stops cleanly (it commits what it processed) and is not started again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 running consumers stop cleanly (they commit what they processed) and are not started again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the producer&apos;s running job stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the producer&apos;s fields, the message filter and the events list start empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart now? %1. Topics, records and committed offsets stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lag history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Saved Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>produced %1 records again to %2</source>
        <translation>
            <numerusform>produced %1 record again to %2</numerusform>
            <numerusform>produced %1 records again to %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce &amp;Records Again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce every record the Messages panel shows (its filter and range) again, with a preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the app disconnected from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the app left %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 consumers are running on %2. They stop if you switch.</source>
        <translation>
            <numerusform>%1 consumer is running on %2. It stops if you switch.</numerusform>
            <numerusform>%1 consumers are running on %2. They stop if you switch.</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot serve Kafka clients: the setting kafkaServer/listen is not HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only the built-in broker can serve Kafka clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot serve Kafka clients on %1: it is not a loopback address and the listener has no authentication; set kafkaServer/allowRemote to true to serve it anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: serving %1 without authentication or encryption: anyone who can reach it can read, write and delete every topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers list: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::MemberNames</name>
    <message>
        <source>%1 (before its restart)</source>
        <comment>a consumer&apos;s membership of the group before it was started again</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (from an earlier run)</source>
        <comment>a consumer this app started before it was restarted</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (old)</source>
        <comment>brief: a membership of the group that is over for the app (before a restart, or from an earlier run of the app)</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::MessageInspector</name>
    <message>
        <source>Record:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the value (Ctrl+Shift+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put this record into the producer to send it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · partition %2 · offset %3
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(null: the producer picked a partition at random)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(null)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value · JSON · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value · text · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value · binary (hex) · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a record in the message table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <comment>data size below 1 KiB</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null (tombstone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value · null: a tombstone (on a compacted topic it deletes the key&apos;s earlier records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right-click: highlight every record with this key on the timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highlight This Key on the Timeline</source>
        <translation></translation>
    </message>
    <message>
        <source>Hex</source>
        <extracomment>Toggle: show the value as a hex dump</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the value&apos;s exact bytes as a hex dump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value · JSON, as hex · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value · text, as hex · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::MessageTableModel</name>
    <message>
        <source>No topic selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records (showing the first %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(null)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset: the record&apos;s position in its partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create time (local); the tooltip has milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key: decides the partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>topic &apos;%1&apos; has no partition %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null (tombstone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tombstone: the value is null (not empty). On a compacted topic it deletes the key&apos;s earlier records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the first %1 are listed; export the matches for all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search stopped: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Scanned %1 of %2 records in partitions %3, %Ln matches, %4 records/s</source>
        <translation>
            <numerusform>Scanned %1 of %2 records in partitions %3, %Ln match, %4 records/s</numerusform>
            <numerusform>Scanned %1 of %2 records in partitions %3, %Ln matches, %4 records/s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tidemark::MessagesPanel</name>
    <message>
        <source>Live tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one partition or all of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An offset (120), a time (2024-05-01 12:00 or 12:30) or a span back from now (-5m, -2h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow new records as they arrive (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: &quot;text&quot;, key == &quot;k&quot;, value.total_price &gt; 1000 (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which end of each partition a search starts from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the search; the matches found so far stay listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go on scanning where the search stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop scanning for now; Resume goes on from here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter language: &quot;text&quot; (in key or value), key == &quot;k&quot;, value contains &quot;x&quot;, key ~ /re/i, value.user_id == &quot;00042&quot;, value.items[*].product_id == &quot;535&quot;, header.source exists, partition in (0, 2), offset &gt;= 100, timestamp &gt;= &quot;2026-12-06 10:00&quot;, value is null, size &gt; 1024; and, or, not, ( ). Times are in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every record shown (all matches of the filter) to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As JSON lines (tidemark-cli produce reads them back)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %1 records to %2</source>
        <translation>
            <numerusform>Exported %1 record to %2</numerusform>
            <numerusform>Exported %1 records to %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1: scanned %2 of %3 records, %4 written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a topic to see its saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved filters for %1 yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete saved filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the saved filter &quot;%1&quot; of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name for this filter of %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the filter &quot;%1&quot; for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce Them Again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the records that match %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> in the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the records in the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the records of partition %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all the records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::Order</name>
    <message>
        <source>a boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unsupported value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is missing the field %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 field %2 must be a string, got %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 field %2 must be a number, got %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order_id must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user_id must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an order needs at least one item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item %1: product_id must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item %1: quantity must be at least 1, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item %1: price must not be negative, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total_price must be a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number is out of range (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item %1: quantity %2 is too large (at most %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item %1: price must be a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item %1: price x quantity (%2 x %3) is too large for a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sum of price x quantity is too large for a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: quantity %2 is too large (at most %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total_price %1 does not match the items: the sum of price x quantity is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON (byte %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the order must be a JSON object, got %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the field %1 must be an array, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an object, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 field %2 must be an integer, got %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON (byte %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key field &quot;%1&quot; is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key field &quot;%1&quot; must be a string or a number, got %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ProduceLogic</name>
    <message>
        <source>unknown key mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no topic with partitions selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ProducerJob</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON at byte %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 invalid line(s), nothing was sent; first: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ProducerPanel</name>
    <message>
        <source>line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import JSON lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explicit key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key (null)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records with the same key go to the same partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>murmur2: the Java client&apos;s default; consistent_random: librdkafka&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partitioner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the partitioner puts this record&apos;s key, computed exactly as the real clients do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Order id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send one record (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> /s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders per second; 0 sends as fast as the broker acknowledges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate seeded random orders (Ctrl+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send every line of a JSON-lines file (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a topic to produce to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic: %1 · partitions: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order id is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user id is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a JSON value to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid order: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key: fix the value first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1 → %2 → (select a topic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1 → %2 → partition %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1 → %2 → a random partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker returned no delivery report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send to &apos;%1&apos; failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1[%2] at offset %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent key %1 to %2[%3] at offset %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl *.ndjson *.json *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused at %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped after %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Generating %1 orders…</source>
        <translation>
            <numerusform>Generating %1 order…</numerusform>
            <numerusform>Generating %1 orders…</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>generating %1 orders at %2 per second into &apos;%3&apos;</source>
        <translation>
            <numerusform>generating %1 order at %2 per second into &apos;%3&apos;</numerusform>
            <numerusform>generating %1 orders at %2 per second into &apos;%3&apos;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>generating %1 orders into &apos;%2&apos;</source>
        <translation>
            <numerusform>generating %1 order into &apos;%2&apos;</numerusform>
            <numerusform>generating %1 orders into &apos;%2&apos;</numerusform>
        </translation>
    </message>
    <message>
        <source>importing %1 into &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1[%2] at offset %3: press Send to produce it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Null value (tombstone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the key with a null value, not the text above: on a compacted topic a tombstone deletes the key&apos;s earlier records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tombstone has no value to take the key field from: choose an explicit key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tombstone: the key with a null value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the last order id of &apos;%1&apos; (order ids start at %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys: few (8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys: many</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which user ids (the default key) generated orders get: a few (8 users), so that each user&apos;s orders visibly share one partition, or many (any of 100,000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the record&apos;s headers: names and values sent with the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hea&amp;ders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hea&amp;ders (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped after %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled after %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::RangeInput</name>
    <message>
        <source>an offset cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an offset (120), a time (2024-05-01 12:00, 12:30) or a span (-5m)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::RecordFilter</name>
    <message>
        <source>&apos;=&apos; is not an operator: write &apos;==&apos; to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;&amp;&apos; is not an operator: write &apos;&amp;&amp;&apos; or &apos;and&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;|&apos; is not an operator: write &apos;||&apos; or &apos;or&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected character &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the string that starts here is not closed (missing %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;\x&apos; must be followed by two hex digits (\xff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;\u&apos; must be followed by four hex digits (\u00e9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown escape &apos;\%1&apos; (known: \&quot; \&apos; \\ \/ \n \r \t \0 \xHH \uHHHH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the regular expression that starts here is not closed (missing /)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown regular expression flag &apos;%1&apos; (known: i, s, m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;)&apos; without a matching &apos;(&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;and&apos;, &apos;or&apos; or the end of the filter, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the end of the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the filter is nested too deeply (more than %1 levels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;)&apos; to close the &apos;(&apos; at column %1, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a condition (for example: key == &quot;k&quot;, value contains &quot;x&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a condition, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key, value, value.&lt;json path&gt;, header.&lt;name&gt;, partition, offset, timestamp or size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a header name after &apos;header.&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a quoted header name after &apos;header[&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;.&apos; and a header name after &apos;header&apos; (header.trace-id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field &apos;%1&apos; (expected %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;%1&apos;, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a JSON member name after &apos;.&apos; (use [&quot;name&quot;] for other names)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array index is a whole number from 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an index, * or a quoted name inside [ ], found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;contains&apos;, &apos;in&apos;, &apos;exists&apos; or &apos;matches&apos; after &apos;%1 not&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be used with &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;null&apos; or &apos;empty&apos; after &apos;is&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;(&apos; and a list of values after &apos;in&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;)&apos; in the list after &apos;in&apos;, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an operator after &apos;%1&apos; (== != &lt; &lt;= &gt; &gt;= contains ~ !~ in exists is), found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be used with &apos;%2&apos;: bytes have no order (compare a JSON field: %2.total &gt; 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid regular expression: %1 (at character %2 of the pattern)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is compared with a whole number, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a timestamp in milliseconds is a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a time: write &quot;2026-12-06&quot;, &quot;2026-12-06 10:00&quot;, &quot;2026-12-06 10:00:05.250&quot; (optionally with Z or +01:00), or milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a time (&quot;2026-12-06 10:00&quot;) or milliseconds, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a regular expression (/.../ or a quoted string), found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number or a quoted string after the operator, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a quoted string, a number, true, false or null, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a quoted string, found %1 (write &quot;%2&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write &apos;%1 is null&apos; to find null values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a quoted string, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;and&apos;, &apos;or&apos; or the end of the filter after &apos;%1&apos;, found %2 (to search for a phrase, quote it: &quot;%1 ...&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::RecordFormat</name>
    <message>
        <source>... %1 more bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::RecordScan</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export cancelled; %1 was not written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ReplayDialog</name>
    <message>
        <source>Keep the original timestamps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce %1 of &lt;b&gt;%2&lt;/b&gt; again, byte for byte (keys, values, headers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The topic the records are produced to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To &amp;topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same partition as the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By key (murmur2, as Kafka&apos;s producer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview shows what goes where before anything is produced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;roduce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview first: it reads the records and says where each would go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned %1 of %2 records, %3 produced</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 records (%2) of %3 scanned. Partitions in %4: %5.</source>
        <translation>
            <numerusform>%1 record (%2) of %3 scanned. Partitions in %4: %5.</numerusform>
            <numerusform>%1 records (%2) of %3 scanned. Partitions in %4: %5.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  partition %1 → partition %2: %3 records (%4)</source>
        <translation>
            <numerusform>  partition %1 → partition %2: %3 record (%4)</numerusform>
            <numerusform>  partition %1 → partition %2: %3 records (%4)</numerusform>
        </translation>
    </message>
    <message>
        <source>The first records (partition@offset):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1@%2 → %3@%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1@%2 → partition %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>P&amp;roduce %1 records</source>
        <translation>
            <numerusform>P&amp;roduce %1 record</numerusform>
            <numerusform>P&amp;roduce %1 records</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing produced yet. Produce does exactly this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records to produce.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Produced %1 records to %2.</source>
        <translation>
            <numerusform>Produced %1 record to %2.</numerusform>
            <numerusform>Produced %1 records to %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 were refused, the first: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce Records Again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::SavedFilters</name>
    <message>
        <source>A saved filter needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter does not parse: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic &apos;%1&apos; has %2 saved filters already; delete one first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::SecretStore</name>
    <message>
        <source>No keychain is reachable (%1): the password is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ThroughputCharts</name>
    <message>
        <source>Throughput (records/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag (records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 produced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 consumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%.0f s</source>
        <extracomment>Axis labels in seconds before now, e.g. &quot;-30 s&quot;; printf format</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::ThroughputSampler</name>
    <message>
        <source>Charts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::TimelineCanvas</name>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rebalancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition timelines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records yet: produce some and watch the lanes grow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a topic to see its partitions as timelines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading topic &apos;%1&apos;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lag %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 partitions</source>
        <translation>
            <numerusform>%1 partition</numerusform>
            <numerusform>%1 partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 records</source>
        <translation>
            <numerusform>%1 record</numerusform>
            <numerusform>%1 records</numerusform>
        </translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consumer group reads this topic yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[%2] · offsets %3–%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: %1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in to see single records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[%2] · offset %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key: null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size: %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No record at this offset (compacted or a control record)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key colour bucket %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: ≈ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size: ≈ %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to open it in the inspector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 · committed offset %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Lag: %1 records</source>
        <translation>
            <numerusform>Lag: %1 record</numerusform>
            <numerusform>Lag: %1 records</numerusform>
        </translation>
    </message>
    <message>
        <source>Drag to propose an offset reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next offset to read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High watermark %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offset the next record will get.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log start %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older records were removed by retention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owners, last %1 s</source>
        <translation></translation>
    </message>
    <message>
        <source>Value: null (tombstone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed · %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sampled: 1 in %1 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highlight This Key (K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Highlight (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scanned %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: scroll back / forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: go to the first record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: follow the newest records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: fit everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first record of the partition: nothing was removed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln matches</source>
        <translation>
            <numerusform>%1: %Ln match</numerusform>
            <numerusform>%1: %Ln matches</numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out · rebalancing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <comment>consumer group: nobody reads, it resumes here</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: none of its members reads. It resumes here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ %1</source>
        <comment>offset reset of a group that committed nothing on the partition yet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline: highlight the key of the record under the pointer (or clicked last)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, all on %1</source>
        <comment>highlight: every match is on this lane (P1)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, on %1</source>
        <comment>highlight: the lanes with matches (P0, P2)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zoom in to see each</source>
        <comment>highlight: several matches share a pixel column</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln matches</source>
        <comment>highlight: the legend&apos;s brief form</comment>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline: clear the key highlight, or cancel a proposed offset reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 before its restart: killed, it still holds %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nobody reads it until its session ends in %n s.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Its session is over: the group hands %1 over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped reading at offset %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1B</source>
        <comment>compact number: billions</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1M</source>
        <comment>compact number: millions</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1k</source>
        <comment>compact number: thousands</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::TimelineHighlight</name>
    <message>
        <source>no topic to search</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>tidemark::TimelineLoader</name>
    <message>
        <source>Cannot read topic &apos;%1&apos; from %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list consumer groups: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1[%2] at offset %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[%2]: the record at offset %3 is damaged and skipped: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::TimelineView</name>
    <message>
        <source>Colour by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stable colour per record key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The colour of the consumer that owns the partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every offset (F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest records in view (End)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 records will be read again.</source>
        <translation>
            <numerusform>%1 record will be read again.</numerusform>
            <numerusform>%1 records will be read again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 records will be skipped.</source>
        <translation>
            <numerusform>%1 record will be skipped.</numerusform>
            <numerusform>%1 records will be skipped.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resetting group %1 on %2[%3] to %4…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 on %2 now resumes at offset %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reset group %1 on %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much this view may read from a Kafka cluster for a sampled overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load this range completely…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading this range completely: %1% · %2 read</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Load %1 records of this range (about %2) from %3?</source>
        <translation>
            <numerusform>Load %1 record of this range (about %2) from %3?</numerusform>
            <numerusform>Load %1 records of this range (about %2) from %3?</numerusform>
        </translation>
    </message>
    <message>
        <source>A sample: the fetch budget of %1 is spent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sample: %1 read of the %2 budget.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sample: %1 read from disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop this group&apos;s consumers in this app (they commit and leave), then reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (in this app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (in this app, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a client on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the group still has members: %1. Offsets can only be reset while none of its consumers runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the others where they run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group&apos;s consumers must be stopped first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset group &lt;b&gt;%1&lt;/b&gt; on %2[%3] from %4 to &lt;b&gt;%5&lt;/b&gt;? %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the group&apos;s consumers to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Could not reset: %1 are still running.</source>
        <translation>
            <numerusform>Could not reset: %1 is still running.</numerusform>
            <numerusform>Could not reset: %1 are still running.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset &lt;b&gt;%1&lt;/b&gt; on %2 to &lt;b&gt;%3&lt;/b&gt;? %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour by key or consumer, Fit, Follow head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour by key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour by consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (killed) are still members for %n more s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (killed) is still a member for %n more s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (killed) is still a member until its session ends</source>
        <translation>
            <numerusform>%1 (killed) is still a member until its session ends</numerusform>
            <numerusform>%1 (killed) are still members until their sessions end</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not reset: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Could not reset: %1 are still running, and %2.</source>
        <translation>
            <numerusform>Could not reset: %1 is still running, and %2.</numerusform>
            <numerusform>Could not reset: %1 are still running, and %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>A killed consumer stays a member until its session times out: reset then.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::TopicBrowser</name>
    <message>
        <source>Filter topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New topic (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected topic (Shift+Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading topics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list topics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topics yet. Create one with + (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics: %1 · records: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create topic &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created topic &apos;%1&apos; (partitions: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete topic &apos;%1&apos; and its %2 records?</source>
        <translation>
            <numerusform>Delete topic &apos;%1&apos; and its %2 record?</numerusform>
            <numerusform>Delete topic &apos;%1&apos; and its %2 records?</numerusform>
        </translation>
    </message>
    <message>
        <source>This cannot be undone. Consumer groups lose their offsets for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot delete topic &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted topic &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>topics</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tidemark::TopicListModel</name>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: partitions: %2, replication factor %3, records: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
