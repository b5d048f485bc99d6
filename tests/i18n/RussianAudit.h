#pragma once

// What the Russian UI may show in Latin letters, and the audit of a window's texts in Russian
// (UiTextAudit) built from it: shared by tst_russian_ui and tst_lesson_walk.

#include "TestPaths.h"
#include "UiTextAudit.h"
#include "ui/models/EventLogModel.h"
#include "ui/models/MessageTableModel.h"

#include <QStringList>

namespace tidemark::test {

// Technical tokens that stay Latin in the Russian UI.
inline QStringList allowedTokens()
{
    return {
        QStringLiteral("Tidemark"),
        QStringLiteral("Kafka"),
        QStringLiteral("compose"), // Docker Compose, in the default Kafka profile's name
        QStringLiteral("Apache"),
        QStringLiteral("JSON"),
        QStringLiteral("null"),
        QStringLiteral("murmur2"),
        QStringLiteral("murmur2_random"),
        QStringLiteral("consistent"),
        QStringLiteral("consistent_random"),
        QStringLiteral("fnv1a"),
        QStringLiteral("fnv1a_random"),
        QStringLiteral("random"),
        QStringLiteral("CRC32"),
        QStringLiteral("librdkafka"),
        QStringLiteral("Java"),
        QStringLiteral("Qt"),
        QStringLiteral("ID"),
        QStringLiteral("SASL"),
        QStringLiteral("SSL"),
        QStringLiteral("PLAINTEXT"),
        QStringLiteral("SASL_PLAINTEXT"),
        QStringLiteral("SASL_SSL"),
        QStringLiteral("PLAIN"),
        QStringLiteral("SCRAM"),
        QStringLiteral("SHA"),
        QStringLiteral("CA"),
        QStringLiteral("bootstrap"),
        QStringLiteral("OK"), // Qt's own Russian catalogue (qtbase_ru) keeps the OK button Latin
        QStringLiteral("hex"),
        QStringLiteral("jsonl"),
        QStringLiteral("ndjson"),
        QStringLiteral("json"),
        QStringLiteral("txt"),
        // the filter language (docs/filter-language.md) is the same in every language
        QStringLiteral("key"),
        QStringLiteral("value"),
        QStringLiteral("header"),
        QStringLiteral("partition"),
        QStringLiteral("offset"),
        QStringLiteral("timestamp"),
        QStringLiteral("size"),
        QStringLiteral("contains"),
        QStringLiteral("exists"),
        QStringLiteral("is"),
        QStringLiteral("empty"),
        QStringLiteral("and"),
        QStringLiteral("or"),
        QStringLiteral("not"),
        QStringLiteral("in"),
        QStringLiteral("re"),
        QStringLiteral("total_price"),
        QStringLiteral("user_id"),
        QStringLiteral("items"),
        QStringLiteral("product_id"),
        QStringLiteral("source"),
        // key names of shortcuts
        QStringLiteral("Ctrl"),
        QStringLiteral("Shift"),
        QStringLiteral("Alt"),
        QStringLiteral("Meta"),
        QStringLiteral("Del"),
        QStringLiteral("Delete"),
        QStringLiteral("Return"),
        QStringLiteral("Enter"),
        QStringLiteral("End"),
        QStringLiteral("Home"),
        QStringLiteral("Left"),
        QStringLiteral("Right"),
        QStringLiteral("Esc"),
        QStringLiteral("Ins"),
        QStringLiteral("PgUp"),
        QStringLiteral("PgDown"),
        QStringLiteral("Backspace"),
        QStringLiteral("Tab"),
        // each language in its own name (View > Language)
        QStringLiteral("English"),
    };
}

// What the test puts into the UI as data: names, paths, JSON field names, profile defaults.
inline QStringList dataStrings()
{
    return {QStringLiteral("/home/user/.local/share/Tidemark/data"),
            QStringLiteral("orders"),
            QStringLiteral("billing"),
            QStringLiteral("order_id"),
            QStringLiteral("user_id"),
            QStringLiteral("product_id"),
            QStringLiteral("quantity"),
            QStringLiteral("total_price"),
            QStringLiteral("price"),
            QStringLiteral("items"),
            QStringLiteral("tidemark")}; // the default Kafka profile's client id
}

// Record values are cut to the column by design; events wrap inside their column.
inline UiTextAudit russianAudit()
{
    return UiTextAudit(allowedTokens(), dataStrings(),
                       englishSourcesOf((tidemark::test::paths::sourceDir() +
                                         QStringLiteral("/resources/translations/tidemark_ru.ts"))),
                       {{QStringLiteral("messageView"), MessageTableModel::ValueColumn},
                        {QStringLiteral("eventsView"), EventLogModel::MessageColumn}});
}

} // namespace tidemark::test
