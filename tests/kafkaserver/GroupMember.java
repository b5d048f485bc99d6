// A Kafka Java consumer in a group, for tests/kafkaserver (compiled by the test with javac
// against the kafka-clients jar that tests/kafka/cluster.sh fetches):
//
//   GroupMember BOOTSTRAP TOPIC GROUP ASSIGNORS [key=value ...]
//
// ASSIGNORS: comma-separated short names (range, roundrobin, sticky, cooperative-sticky), in
// preference order. Subscribes, polls until killed or stdin closes, and prints (flushed per
// line):
//   "assigned<TAB>p,p,p"           after every rebalance: the whole current assignment
//   "record<TAB>partition<TAB>offset" every record, then commits synchronously after each poll
//   "error<TAB>ExceptionClass<TAB>message" and exits 3 on a fatal error (INCONSISTENT_GROUP_PROTOCOL)
// With commit-seconds=N among the settings (tests/bench/kafkaserver/bench_groups.sh): once it
// owns partitions, commits their positions synchronously in a loop for N seconds, then prints
// "commits<TAB>count<TAB>milliseconds" and exits.
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

public class GroupMember {
    static String assignorClass(String name) {
        switch (name) {
        case "range": return "org.apache.kafka.clients.consumer.RangeAssignor";
        case "roundrobin": return "org.apache.kafka.clients.consumer.RoundRobinAssignor";
        case "sticky": return "org.apache.kafka.clients.consumer.StickyAssignor";
        case "cooperative-sticky": return "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";
        default: throw new IllegalArgumentException("unknown assignor " + name);
        }
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0], topic = args[1], group = args[2];
        List<String> assignors = new ArrayList<>();
        for (String a : args[3].split(","))
            assignors.add(assignorClass(a));
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", group);
        c.put("partition.assignment.strategy", String.join(",", assignors));
        c.put("enable.auto.commit", "false");
        c.put("auto.offset.reset", "earliest");
        c.put("session.timeout.ms", "2000");
        c.put("heartbeat.interval.ms", "300");
        c.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        c.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        long commitSeconds = 0;
        for (int i = 4; i < args.length; ++i) {
            String[] kv = args[i].split("=", 2);
            if (kv[0].equals("commit-seconds"))
                commitSeconds = Long.parseLong(kv[1]);
            else
                c.put(kv[0], kv[1]);
        }
        AtomicBoolean stop = new AtomicBoolean(false);
        Thread stdinWatch = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                }
            } catch (Exception e) {
            }
            stop.set(true);
        });
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            TreeSet<Integer> owned = new TreeSet<>();
            consumer.subscribe(Collections.singletonList(topic), new ConsumerRebalanceListener() {
                void print() {
                    StringBuilder b = new StringBuilder();
                    for (int p : owned)
                        b.append(b.length() > 0 ? "," : "").append(p);
                    System.out.println("assigned\t" + b);
                }
                @Override public void onPartitionsRevoked(Collection<TopicPartition> parts) {
                    for (TopicPartition tp : parts)
                        owned.remove(tp.partition());
                }
                @Override public void onPartitionsAssigned(Collection<TopicPartition> parts) {
                    for (TopicPartition tp : parts)
                        owned.add(tp.partition());
                    print();
                }
                @Override public void onPartitionsLost(Collection<TopicPartition> parts) {
                    for (TopicPartition tp : parts)
                        owned.remove(tp.partition());
                }
            });
            if (commitSeconds > 0) {
                while (owned.isEmpty())
                    consumer.poll(Duration.ofMillis(100));
                java.util.Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets =
                    new java.util.HashMap<>();
                for (int p : owned)
                    offsets.put(new TopicPartition(topic, p), new org.apache.kafka.clients.consumer.OffsetAndMetadata(0));
                long start = System.currentTimeMillis(), count = 0;
                while (System.currentTimeMillis() - start < commitSeconds * 1000) {
                    try {
                        consumer.commitSync(offsets);
                        ++count;
                    } catch (org.apache.kafka.common.KafkaException e) {
                        consumer.poll(Duration.ofMillis(10)); // a rebalance of the others joining
                    }
                }
                System.out.println("commits\t" + count + "\t" + (System.currentTimeMillis() - start));
                return;
            }
            while (!stop.get()) {
                boolean any = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    System.out.println("record\t" + r.partition() + "\t" + r.offset());
                    any = true;
                }
                if (any)
                    consumer.commitSync();
            }
        } catch (Exception e) {
            System.out.println("error\t" + e.getClass().getSimpleName() + "\t" + e.getMessage());
            System.exit(3);
        }
    }
}
