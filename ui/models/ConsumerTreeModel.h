#pragma once

// The consumers panel's rows: one per consumer the ConsumerManager knows (group, state, lag,
// records consumed), with one child row per assigned partition (position, committed offset,
// lag). Lag is the group's, as Kafka counts it (core/Lag.h: end minus committed offset), the
// same number the timeline shows; what the consumer has not read yet (end minus position) is
// only in the Lag cells' tooltips, under that name. Fed by ConsumerManager::statusChanged / consumerRemoved. Thread:
// GUI thread only.
//
// A consumer restarted before its killed self's session ran out (ConsumerStatus::earlierSessions)
// has one more child row per partition that killed membership still holds, after its own,
// its text in the Name column only (the view spans it over the row): "partition 2 held by
// billing #2 (old) · killed · 4 s" (EarlierRole), until the group hands it over.
//
// Order: the consumers that run or still hold partitions first, then those that are over
// (stopped, failed, killed and handed over: isOver()), each part in the order they were
// created; a consumer moves (rowsMoved) when it stops or starts again.
//
// Indexes: a consumer row has internalId 0; a partition row has its consumer's key (a number
// that stays with the consumer when it moves, never 0).

#include "core/ConsumerStatus.h"

#include <QAbstractItemModel>

#include <optional>
#include <vector>

namespace tidemark {

class ConsumerTreeModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsumerTreeModel)

public:
    enum Column { NameColumn, StateColumn, PositionColumn, CommittedColumn, LagColumn, ConsumedColumn, ColumnCount };
    enum Role {
        ConsumerIdRole = Qt::UserRole + 1,
        StateRole,
        PartitionRole,
        EarlierRole, // a partition row held by the consumer's killed membership before its restart
    };

    explicit ConsumerTreeModel(QObject *parent = nullptr);

    void setStatuses(const std::vector<ConsumerStatus> &statuses);
    std::optional<ConsumerStatus> status(const QString &consumerId) const;
    int rowOf(const QString &consumerId) const;
    int consumerCount() const { return int(m_rows.size()); }
    // Neither runs nor holds a partition, nor has an earlier membership that does: it only
    // tells what happened (the list keeps such consumers last; "Remove stopped" clears them).
    static bool isOver(const ConsumerStatus &status);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString stateText(ConsumerStatus::State state); // translated
    // (English source, shown text) of a column header and of everything the state column
    // can show: the panel's column widths are tuned to the English texts and grow by what a
    // translation needs more.
    static QPair<QString, QString> headerText(int column);
    static QList<QPair<QString, QString>> stateTexts();
    // What a Lag cell's tooltip says: the lag (core/Lag.h: end minus committed) and, under its
    // own name, what the consumer has not read yet (end minus position); -1: unknown.
    static QString lagTip(qint64 lag, qint64 unread, const QString &consumerId);
    // What a consumer's killed membership before its restart still holds, and for how long.
    static QString earlierTip(const EarlierSession &earlier);

public slots:
    void updateStatus(const tidemark::ConsumerStatus &status);
    void removeConsumer(const QString &consumerId);

private:
    struct Row {
        ConsumerStatus status;
        quintptr key = 0; // creation order, and its partition rows' internalId
    };
    // A consumer's partition rows: its own (while it holds them), then its earlier
    // memberships' (earlier: the session that holds it).
    struct Child {
        TopicPartition tp;
        const EarlierSession *earlier = nullptr;
    };
    static std::vector<Child> children(const ConsumerStatus &s);
    int rowOfKey(quintptr key) const;
    // Where a consumer with `status` and `key` goes among the rows other than `skip`.
    int sortedRow(const ConsumerStatus &status, quintptr key, int skip) const;
    QVariant consumerData(const ConsumerStatus &s, int column, int role) const;
    QVariant partitionData(const ConsumerStatus &s, const TopicPartition &tp, int column, int role) const;
    QVariant earlierData(const ConsumerStatus &s, const TopicPartition &tp, const EarlierSession &earlier, int column,
                         int role) const;

    std::vector<Row> m_rows;
    quintptr m_nextKey = 1;
};

} // namespace tidemark
