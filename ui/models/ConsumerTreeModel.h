#pragma once

// The consumers panel's rows: one per consumer the ConsumerManager knows (group, state, lag,
// records consumed), with one child row per assigned partition (position, committed offset,
// lag). Lag is the group's, as Kafka counts it (core/Lag.h: end minus committed offset), the
// same number the timeline shows; what the consumer has not read yet (end minus position) is
// only in the Lag cells' tooltips, under that name. Fed by ConsumerManager::statusChanged / consumerRemoved. Thread:
// GUI thread only.
//
// Indexes: a consumer row has internalId 0; a partition row has internalId = consumer row + 1.

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
    enum Role { ConsumerIdRole = Qt::UserRole + 1, StateRole, PartitionRole };

    explicit ConsumerTreeModel(QObject *parent = nullptr);

    void setStatuses(const std::vector<ConsumerStatus> &statuses);
    std::optional<ConsumerStatus> status(const QString &consumerId) const;
    int rowOf(const QString &consumerId) const;
    int consumerCount() const { return int(m_rows.size()); }

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

public slots:
    void updateStatus(const tidemark::ConsumerStatus &status);
    void removeConsumer(const QString &consumerId);

private:
    QVariant consumerData(const ConsumerStatus &s, int column, int role) const;
    QVariant partitionData(const ConsumerStatus &s, const TopicPartition &tp, int column, int role) const;

    std::vector<ConsumerStatus> m_rows;
};

} // namespace tidemark
