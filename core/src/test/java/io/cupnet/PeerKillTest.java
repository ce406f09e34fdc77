package io.cupnet;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.cupnet.DeliveryException.Reason;
import io.cupnet.options.Backoff;
import io.cupnet.support.Node;
import io.cupnet.support.Nodes;
import io.cupnet.support.ReceiverProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A receiver whose process is killed mid-stream ({@code SIGKILL}: no close, no drain) and
 * restarted on the same port, while a sender keeps sending need-ack and plain messages.
 *
 * <p>The promises checked: every need-ack message is handled by some receiver lifetime or
 * fails with a timeout or as unreachable; a message handled by both lifetimes (a duplicate) is
 * one whose ack had not arrived when the receiver was killed; no lifetime handles a message
 * twice; every plain message is written or fails with a reason; every future completes, once.
 */
class PeerKillTest {

    /** Need-ack and plain message pairs, one pair per millisecond or so. */
    private static final int PAIRS = 1_500;

    /** Time the receiver's handler takes per message: slower than the sender, so frames queue up. */
    private static final int HANDLING_MICROS = 400;

    @RegisterExtension
    final Nodes nodes = new Nodes();

    @TempDir
    Path temp;

    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void killReceivers() throws InterruptedException {
        for (Receiver receiver : this.receivers) {
            receiver.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedAndRestartedReceiverKeepsEveryPromise() throws Exception {
        Receiver first = startReceiver(0);
        Node sender = this.nodes.add(Node.start((options) -> options.send(s -> s.queueCapacity(3 * PAIRS))
            .ack(a -> a.retryInterval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(8)))
            .send(s -> s.deliveryTimeout(Duration.ofSeconds(8)))
            .connect(c -> c.backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(300), 2.0, 0.2)))
            .shutdownTimeout(Duration.ofSeconds(1))));
        Stream stream = new Stream(sender.center, PeerAddress.of("127.0.0.1", first.port));

        CompletableFuture<Void> sending = CompletableFuture.runAsync(stream::send);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
            .until(() -> first.handled.size() >= 300);
        Set<String> notAckedAtKill = stream.needAcksNotDone();
        first.kill();
        int sentAtKill = stream.needAcks.size();
        Receiver second = startReceiver(first.port);
        sending.get(30, TimeUnit.SECONDS);
        stream.awaitEveryFuture();
        second.stop();

        Set<String> duplicates = duplicates(first.handled, second.handled);
        System.out.printf("peer kill: %d need-ack and %d plain sent, %d pairs before the kill; handled %d by the "
                + "first lifetime, %d by the second; %d duplicate(s) %s; need-ack %s, plain %s%n", PAIRS, PAIRS,
                sentAtKill, first.handled.size(), second.handled.size(), duplicates.size(), duplicates,
                outcomes(stream.needAcks), outcomes(stream.plains));
        assertThat(first.handled).doesNotHaveDuplicates();
        assertThat(second.handled).isNotEmpty().doesNotHaveDuplicates();
        assertThat(duplicates).allSatisfy((body) -> assertThat(body).isIn(notAckedAtKill));
        Set<String> handled = new HashSet<>(first.handled);
        handled.addAll(second.handled);
        assertNeedAckPromises(stream.needAcks, handled);
        assertPlainPromises(stream.plains, handled);
        assertEveryFutureCompletedOnce(stream, sender.center);
    }

    private static void assertNeedAckPromises(Map<String, Tracked> needAcks, Set<String> handled) {
        needAcks.forEach((body, tracked) -> {
            if (tracked.succeeded()) {
                assertThat(tracked.future.join().status()).isEqualTo(DeliveryResult.Status.ACKED);
                assertThat(handled).contains(body);
            }
            else {
                assertThat(tracked.reason()).isIn(Reason.ACK_TIMEOUT, Reason.PEER_UNREACHABLE);
            }
        });
    }

    private static void assertPlainPromises(Map<String, Tracked> plains, Set<String> handled) {
        plains.forEach((body, tracked) -> {
            if (tracked.succeeded()) {
                assertThat(tracked.future.join().status()).isEqualTo(DeliveryResult.Status.SENT);
            }
            else {
                assertThat(tracked.reason()).isNotNull();
                assertThat(handled).doesNotContain(body);
            }
        });
    }

    private static void assertEveryFutureCompletedOnce(Stream stream, MessageCenter sender) {
        List<Tracked> all = stream.all();
        assertThat(all).hasSize(2 * PAIRS).allSatisfy((tracked) -> assertThat(tracked.completions.get()).isEqualTo(1));
        long failed = all.stream().filter((tracked) -> !tracked.succeeded()).count();
        assertThat(sender.stats().sendFailures().sum()).isEqualTo(failed);
        assertThat(sender.pendingAcks()).isZero();
    }

    private static Set<String> duplicates(List<String> first, List<String> second) {
        Set<String> later = new HashSet<>(second);
        return first.stream().filter(later::contains).collect(Collectors.toSet());
    }

    private static Map<String, Long> outcomes(Map<String, Tracked> futures) {
        return futures.values()
            .stream()
            .collect(Collectors.groupingBy((tracked) -> tracked.succeeded() ? "ok" : tracked.reason().name(),
                    Collectors.counting()));
    }

    private Receiver startReceiver(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File errors = this.temp.resolve("receiver-" + this.receivers.size() + ".err").toFile();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReceiverProcess.class.getName(), Integer.toString(port), Integer.toString(HANDLING_MICROS))
            .redirectError(errors)
            .start();
        this.receivers.add(new Receiver(process, errors.toPath()));
        return this.receivers.get(this.receivers.size() - 1);
    }

    /** The messages a sender sends, paced, and their tracked futures by body. */
    private static final class Stream {

        final Map<String, Tracked> needAcks = new ConcurrentHashMap<>();

        final Map<String, Tracked> plains = new ConcurrentHashMap<>();

        private final MessageCenter sender;

        private final PeerAddress to;

        Stream(MessageCenter sender, PeerAddress to) {
            this.sender = sender;
            this.to = to;
        }

        void send() {
            for (int i = 0; i < PAIRS; i++) {
                this.needAcks.put("n" + i, new Tracked(this.sender.send(message("n" + i, true))));
                this.plains.put("p" + i, new Tracked(this.sender.send(message("p" + i, false))));
                if (i % 2 == 0) {
                    pause();
                }
            }
        }

        Set<String> needAcksNotDone() {
            return this.needAcks.entrySet()
                .stream()
                .filter((entry) -> !entry.getValue().future.isDone())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        }

        List<Tracked> all() {
            List<Tracked> all = new ArrayList<>(this.needAcks.values());
            all.addAll(this.plains.values());
            return all;
        }

        /** Waits for every future, with room for the ack timeout; a future left open fails the test here. */
        void awaitEveryFuture() throws Exception {
            CompletableFuture.allOf(all().stream().map((tracked) -> tracked.future).toArray(CompletableFuture[]::new))
                .exceptionally((ex) -> null)
                .get(30, TimeUnit.SECONDS);
        }

        private CupMessage message(String body, boolean needAck) {
            CupMessage.Builder builder = CupMessage.builder().to(this.to).type(7).body(body);
            return needAck ? builder.needAck().build() : builder.build();
        }

        private static void pause() {
            try {
                Thread.sleep(1);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

    }

    /** A send's future and how many times it completed. */
    private static final class Tracked {

        final CompletableFuture<DeliveryResult> future;

        final AtomicInteger completions = new AtomicInteger();

        Tracked(CompletableFuture<DeliveryResult> future) {
            this.future = future;
            future.whenComplete((result, ex) -> this.completions.incrementAndGet());
        }

        boolean succeeded() {
            return !this.future.isCompletedExceptionally();
        }

        Reason reason() {
            Throwable cause = this.future.handle((result, ex) -> ex).join();
            if (cause instanceof CompletionException) {
                cause = cause.getCause();
            }
            return (cause instanceof DeliveryException delivery) ? delivery.reason() : null;
        }

    }

    /** One lifetime of the receiver process and the bodies it reported handled. */
    private static final class Receiver {

        final Process process;

        final List<String> handled = new CopyOnWriteArrayList<>();

        final int port;

        private final Path errors;

        private final CompletableFuture<Integer> bound = new CompletableFuture<>();

        private final Thread reader;

        Receiver(Process process, Path errors) {
            this.process = process;
            this.errors = errors;
            this.reader = new Thread(this::read, "receiver-output");
            this.reader.setDaemon(true);
            this.reader.start();
            this.port = awaitPort();
        }

        void kill() throws InterruptedException {
            this.process.destroyForcibly();
            this.process.waitFor(10, TimeUnit.SECONDS);
            this.reader.join(TimeUnit.SECONDS.toMillis(10));
        }

        void stop() throws Exception {
            this.process.getOutputStream().close();
            this.process.waitFor(20, TimeUnit.SECONDS);
            this.reader.join(TimeUnit.SECONDS.toMillis(10));
        }

        private int awaitPort() {
            try {
                return this.bound.get(20, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                throw new IllegalStateException("The receiver process did not report its port; its stderr: "
                        + readErrors(), ex);
            }
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("HANDLED ")) {
                        this.handled.add(line.substring("HANDLED ".length()));
                    }
                    else if (line.startsWith("PORT ")) {
                        this.bound.complete(Integer.parseInt(line.substring("PORT ".length()).trim()));
                    }
                }
            }
            catch (IOException ex) {
                this.bound.completeExceptionally(ex);
            }
            this.bound.completeExceptionally(new IllegalStateException("receiver output ended"));
        }

        private String readErrors() {
            try {
                return Files.readString(this.errors);
            }
            catch (IOException ex) {
                return ex.toString();
            }
        }

    }

}
