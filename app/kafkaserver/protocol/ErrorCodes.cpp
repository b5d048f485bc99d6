#include "kafkaserver/protocol/ErrorCodes.h"

namespace tidemark::kafkaserver::protocol {

const char *errorName(qint16 code)
{
    switch (static_cast<KafkaError>(code)) {
    case KafkaError::UnknownServerError: return "UNKNOWN_SERVER_ERROR";
    case KafkaError::None: return "NONE";
    case KafkaError::OffsetOutOfRange: return "OFFSET_OUT_OF_RANGE";
    case KafkaError::CorruptMessage: return "CORRUPT_MESSAGE";
    case KafkaError::UnknownTopicOrPartition: return "UNKNOWN_TOPIC_OR_PARTITION";
    case KafkaError::LeaderNotAvailable: return "LEADER_NOT_AVAILABLE";
    case KafkaError::NotLeaderOrFollower: return "NOT_LEADER_OR_FOLLOWER";
    case KafkaError::RequestTimedOut: return "REQUEST_TIMED_OUT";
    case KafkaError::MessageTooLarge: return "MESSAGE_TOO_LARGE";
    case KafkaError::CoordinatorLoadInProgress: return "COORDINATOR_LOAD_IN_PROGRESS";
    case KafkaError::CoordinatorNotAvailable: return "COORDINATOR_NOT_AVAILABLE";
    case KafkaError::NotCoordinator: return "NOT_COORDINATOR";
    case KafkaError::InvalidTopic: return "INVALID_TOPIC_EXCEPTION";
    case KafkaError::RecordListTooLarge: return "RECORD_LIST_TOO_LARGE";
    case KafkaError::InvalidRequiredAcks: return "INVALID_REQUIRED_ACKS";
    case KafkaError::IllegalGeneration: return "ILLEGAL_GENERATION";
    case KafkaError::InconsistentGroupProtocol: return "INCONSISTENT_GROUP_PROTOCOL";
    case KafkaError::InvalidGroupId: return "INVALID_GROUP_ID";
    case KafkaError::UnknownMemberId: return "UNKNOWN_MEMBER_ID";
    case KafkaError::InvalidSessionTimeout: return "INVALID_SESSION_TIMEOUT";
    case KafkaError::RebalanceInProgress: return "REBALANCE_IN_PROGRESS";
    case KafkaError::TopicAuthorizationFailed: return "TOPIC_AUTHORIZATION_FAILED";
    case KafkaError::ClusterAuthorizationFailed: return "CLUSTER_AUTHORIZATION_FAILED";
    case KafkaError::InvalidTimestamp: return "INVALID_TIMESTAMP";
    case KafkaError::UnsupportedSaslMechanism: return "UNSUPPORTED_SASL_MECHANISM";
    case KafkaError::IllegalSaslState: return "ILLEGAL_SASL_STATE";
    case KafkaError::UnsupportedVersion: return "UNSUPPORTED_VERSION";
    case KafkaError::TopicAlreadyExists: return "TOPIC_ALREADY_EXISTS";
    case KafkaError::InvalidPartitions: return "INVALID_PARTITIONS";
    case KafkaError::InvalidReplicationFactor: return "INVALID_REPLICATION_FACTOR";
    case KafkaError::InvalidConfig: return "INVALID_CONFIG";
    case KafkaError::InvalidRequest: return "INVALID_REQUEST";
    case KafkaError::UnsupportedForMessageFormat: return "UNSUPPORTED_FOR_MESSAGE_FORMAT";
    case KafkaError::PolicyViolation: return "POLICY_VIOLATION";
    case KafkaError::OutOfOrderSequenceNumber: return "OUT_OF_ORDER_SEQUENCE_NUMBER";
    case KafkaError::DuplicateSequenceNumber: return "DUPLICATE_SEQUENCE_NUMBER";
    case KafkaError::InvalidProducerEpoch: return "INVALID_PRODUCER_EPOCH";
    case KafkaError::InvalidTxnState: return "INVALID_TXN_STATE";
    case KafkaError::TransactionalIdAuthorizationFailed: return "TRANSACTIONAL_ID_AUTHORIZATION_FAILED";
    case KafkaError::KafkaStorageError: return "KAFKA_STORAGE_ERROR";
    case KafkaError::UnknownProducerId: return "UNKNOWN_PRODUCER_ID";
    case KafkaError::NonEmptyGroup: return "NON_EMPTY_GROUP";
    case KafkaError::GroupIdNotFound: return "GROUP_ID_NOT_FOUND";
    case KafkaError::MemberIdRequired: return "MEMBER_ID_REQUIRED";
    case KafkaError::FencedInstanceId: return "FENCED_INSTANCE_ID";
    case KafkaError::GroupSubscribedToTopic: return "GROUP_SUBSCRIBED_TO_TOPIC";
    case KafkaError::UnsupportedCompressionType: return "UNSUPPORTED_COMPRESSION_TYPE";
    case KafkaError::InvalidRecord: return "INVALID_RECORD";
    case KafkaError::ResourceNotFound: return "RESOURCE_NOT_FOUND";
    case KafkaError::UnknownTopicId: return "UNKNOWN_TOPIC_ID";
    }
    return "UNKNOWN_ERROR_CODE";
}

} // namespace tidemark::kafkaserver::protocol
