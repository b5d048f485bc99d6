// A transactional producer for tests/kafka/tst_kafka_transactions: Kafka's own Java client
// (the kafka-clients jar that tests/kafka/cluster.sh fetches), since librdkafka 2.0.2's
// transactional producer fails against Kafka 4.x at EndTxn. Compiled by the test with javac.
//
//   TxnProducer BOOTSTRAP TOPIC PER_TXN
//
// TOPIC must have 2 partitions. Four transactions, PER_TXN records to each partition they touch:
//   t1 commit  partitions 0 and 1   keys "kept-t1-p<partition>-<i>"
//   t2 abort   partitions 0 and 1   keys "gone-t2-p<partition>-<i>"
//   t3 commit  partition 0          keys "kept-t3-p0-<i>"
//   t4 abort   partition 1          keys "gone-t4-p1-<i>"
// so partition 0 ends with a commit marker and partition 1 with aborted records and an abort
// marker (its high watermark is PER_TXN + 1 offsets past its last committed record). Values are
// JSON: {"txn":"t1","state":"committed","n":<i>}. Prints one line per record, in send order:
//   "<txn>\t<state>\t<partition>\t<offset>\t<key>"
// (the offsets of aborted records too: they are flushed before the abort).
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

public class TxnProducer {
    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0], topic = args[1];
        int perTxn = Integer.parseInt(args[2]);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("transactional.id", "tidemark-test-" + UUID.randomUUID());
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("transaction.timeout.ms", "30000");
        p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        String[][] txns = {{"t1", "committed", "0,1"}, {"t2", "aborted", "0,1"}, {"t3", "committed", "0"},
                           {"t4", "aborted", "1"}};
        List<String> lines = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            for (String[] txn : txns) {
                String name = txn[0], state = txn[1];
                boolean commit = state.equals("committed");
                producer.beginTransaction();
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                for (String part : txn[2].split(",")) {
                    int partition = Integer.parseInt(part);
                    for (int i = 0; i < perTxn; ++i) {
                        String key = (commit ? "kept-" : "gone-") + name + "-p" + partition + "-" + i;
                        String value = "{\"txn\":\"" + name + "\",\"state\":\"" + state + "\",\"n\":" + i + "}";
                        keys.add(key);
                        sent.add(producer.send(new ProducerRecord<>(topic, partition, bytes(key), bytes(value))));
                    }
                }
                producer.flush(); // every record has its offset before the transaction ends
                for (int i = 0; i < sent.size(); ++i) {
                    RecordMetadata md = sent.get(i).get();
                    lines.add(name + "\t" + state + "\t" + md.partition() + "\t" + md.offset() + "\t" + keys.get(i));
                }
                if (commit)
                    producer.commitTransaction();
                else
                    producer.abortTransaction();
            }
        }
        for (String line : lines)
            System.out.println(line);
    }
}
