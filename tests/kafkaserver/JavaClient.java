// A small Kafka Java client for tests/kafkaserver: compiled by the test with javac against the
// kafka-clients jar that tests/kafka/cluster.sh fetches, and run against `tidemark-cli serve`.
//
//   JavaClient BOOTSTRAP produce TOPIC   stdin lines "key<TAB>value"; idempotent (the client's
//                                        default since 3.0), acks=all; prints "key<TAB>partition<TAB>offset"
//   JavaClient BOOTSTRAP consume TOPIC   reads every partition from the beginning to its end
//                                        (assign, no group); prints
//                                        "partition<TAB>offset<TAB>timestamp<TAB>key<TAB>value<TAB>headers"
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

public class JavaClient {
    static String text(byte[] b) { return b == null ? "<null>" : new String(b, StandardCharsets.UTF_8); }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0], mode = args[1], topic = args[2];
        if (mode.equals("produce")) {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("enable.idempotence", "true");
            p.put("acks", "all");
            p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
            p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            List<String> keys = new ArrayList<>();
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] kv = line.split("\t", 2);
                    keys.add(kv[0]);
                    sent.add(producer.send(new ProducerRecord<>(topic, kv[0].getBytes(StandardCharsets.UTF_8),
                                                                kv[1].getBytes(StandardCharsets.UTF_8))));
                }
                for (int i = 0; i < sent.size(); ++i) {
                    RecordMetadata md = sent.get(i).get();
                    System.out.println(keys.get(i) + "\t" + md.partition() + "\t" + md.offset());
                }
            }
            return;
        }
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("enable.auto.commit", "false");
        c.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        c.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic))
                parts.add(new TopicPartition(topic, info.partition()));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30000;
            while (System.currentTimeMillis() < deadline) {
                boolean done = true;
                for (TopicPartition tp : parts)
                    done &= consumer.position(tp) >= end.get(tp);
                if (done)
                    break;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder headers = new StringBuilder();
                    for (Header h : r.headers())
                        headers.append(headers.length() > 0 ? "," : "").append(h.key()).append('=').append(text(h.value()));
                    System.out.println(r.partition() + "\t" + r.offset() + "\t" + r.timestamp() + "\t" + text(r.key()) + "\t"
                                       + text(r.value()) + "\t" + headers);
                }
            }
        }
    }
}
