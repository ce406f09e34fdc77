package io.cupnet.amqp;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.cupnet.CupMessage;
import io.cupnet.DeliveryResult;
import io.cupnet.DeliveryResult.Status;
import io.cupnet.amqp.support.BrokerExtension;
import io.cupnet.amqp.support.BrokerNodes;
import io.cupnet.amqp.support.ConsumerProcess;
import io.cupnet.amqp.support.RecordingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.QueueInformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A consumer node in its own JVM killed mid-stream: the other node of the topic takes what it held. */
@ExtendWith(BrokerExtension.class)
class AmqpNodeCrashTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final int TYPE = 7;

    private static final int CHILD_PREFETCH = 4;

    /** The child handles this many messages, then its handler blocks on the next one until it is killed. */
    private static final int CHILD_HANDLES = 3;

    private static final int BATCH = 10;

    private final BrokerNodes nodes = new BrokerNodes();

    private final List<CompletableFuture<DeliveryResult>> sent = new ArrayList<>();

    @TempDir
    private Path temp;

    private Child child;

    @AfterEach
    void close() {
        if (this.child != null) {
            this.child.process.destroyForcibly();
        }
        this.nodes.close();
    }

    @Test
    void needAckSendsAllCompleteAckedWhenAConsumerNodeInAnotherJvmIsKilledMidStream() throws Exception {
        String topic = BrokerNodes.uniqueTopic("crash");
        String queue = "cupnet." + topic;
        this.child = startChild(topic);
        await().atMost(WAIT).until(() -> this.child.ready && consumers(queue) == 1);
        RecordingHandler local = RecordingHandler.succeeding();
        this.nodes.start(local, (s) -> s.topic(topic).prefetch(10));
        await().atMost(WAIT).until(() -> consumers(queue) == 2);
        AmqpMessageSender sender = this.nodes.start(null, (s) -> s.ackTimeout(WAIT)).sender();

        for (int round = 0; round < 50 && !childBlocked(); round++) {
            List<CompletableFuture<DeliveryResult>> batch = send(sender, topic, BATCH);
            await().atMost(WAIT).until(() -> childBlocked() || batch.stream().allMatch(CompletableFuture::isDone));
        }
        assertThat(childBlocked()).as("the child took %d messages", CHILD_HANDLES + 1).isTrue();
        this.child.process.destroyForcibly();
        assertThat(this.child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        send(sender, topic, 2 * BATCH);

        CompletableFuture.allOf(this.sent.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<DeliveryResult> results = this.sent.stream().map(CompletableFuture::join).toList();
        assertThat(results).extracting(DeliveryResult::status).containsOnly(Status.ACKED);
        Set<String> ids = results.stream().map((result) -> result.uniqId().toString()).collect(Collectors.toSet());
        Set<String> localIds = local.received().stream().map((message) -> message.uniqId().toString())
            .collect(Collectors.toSet());
        Set<String> childIds = new HashSet<>(this.child.handled);
        assertThat(union(localIds, childIds)).containsAll(ids);
        Set<String> duplicates = localIds.stream().filter(childIds::contains).collect(Collectors.toSet());
        String blocked = this.child.handled.get(CHILD_HANDLES);
        assertThat(duplicates).as("handled by both nodes").contains(blocked).hasSizeLessThanOrEqualTo(CHILD_PREFETCH);
        assertThat(local.received()).extracting(CupMessage::bodyAsString).doesNotHaveDuplicates();
    }

    private boolean childBlocked() {
        return this.child.handled.size() > CHILD_HANDLES;
    }

    private List<CompletableFuture<DeliveryResult>> send(AmqpMessageSender sender, String topic, int count) {
        int first = this.sent.size();
        List<CompletableFuture<DeliveryResult>> batch = IntStream.range(first, first + count)
            .mapToObj((i) -> sender.send(AmqpTarget.topic(topic), TYPE, ("m" + i).getBytes(StandardCharsets.UTF_8),
                    true))
            .toList();
        this.sent.addAll(batch);
        return batch;
    }

    private int consumers(String queue) {
        QueueInformation info = this.nodes.admin().getQueueInfo(queue);
        return (info != null) ? info.getConsumerCount() : 0;
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        return all;
    }

    private Child startChild(String topic) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File errors = this.temp.resolve("consumer.err").toFile();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConsumerProcess.class.getName(), Integer.toString(BrokerExtension.broker().amqpPort()), topic,
                Integer.toString(CHILD_PREFETCH), Integer.toString(CHILD_HANDLES))
            .redirectError(errors)
            .start();
        Child started = new Child(process);
        Thread reader = new Thread(started::readOutput, "consumer-process-output");
        reader.setDaemon(true);
        reader.start();
        return started;
    }

    /** The child JVM and what it printed: whether it started, and the uniq ids its handler took, in order. */
    private static final class Child {

        private final Process process;

        private final List<String> handled = new CopyOnWriteArrayList<>();

        private volatile boolean ready;

        private Child(Process process) {
            this.process = process;
        }

        private void readOutput() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(this.process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.equals("READY")) {
                        this.ready = true;
                    }
                    else if (line.startsWith("HANDLED ")) {
                        this.handled.add(line.substring("HANDLED ".length()));
                    }
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

    }

}
