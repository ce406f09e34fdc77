package io.cupnet.metrics;

import java.io.File;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Micrometer is an optional dependency of core: two message centers loaded by a class loader
 * that cannot see Micrometer must still start, exchange a message and close.
 */
class CoreWithoutMicrometerTest {

    @Test
    void twoCentersExchangeAMessageWithoutMicrometerOnTheClassPath() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(classPathWithoutMicrometer(),
                ClassLoader.getPlatformClassLoader())) {
            assertThatExceptionOfType(ClassNotFoundException.class)
                .isThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader));
            CountDownLatch received = new CountDownLatch(1);
            Object receiver = center(loader, received);
            Object sender = center(loader, new CountDownLatch(1));
            try {
                invoke(receiver, "start");
                invoke(sender, "start");
                Object to = invoke(receiver, "localAddress");
                Object message = message(loader, to);
                ((CompletableFuture<?>) invoke(sender, "send", message)).get(10, TimeUnit.SECONDS);
                assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            }
            finally {
                invoke(sender, "close");
                invoke(receiver, "close");
            }
        }
    }

    private static URL[] classPathWithoutMicrometer() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !entry.contains("micrometer")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static Object center(ClassLoader loader, CountDownLatch received) throws Exception {
        Class<?> handlerType = loader.loadClass("io.cupnet.MessageHandler");
        Object handler = Proxy.newProxyInstance(loader, new Class<?>[] { handlerType }, (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("onMessage")) {
                received.countDown();
            }
            return null;
        });
        Object builder = loader.loadClass("io.cupnet.options.CupnetOptions").getMethod("builder").invoke(null);
        Class<?> transportType = loader.loadClass("io.cupnet.TransportType");
        group(builder, "server", (server) -> {
            invoke(server, "host", "127.0.0.1");
            server.getClass().getMethod("port", int.class).invoke(server, 0);
        });
        group(builder, "transport", (transport) -> transport.getClass().getMethod("type", transportType)
            .invoke(transport, enumValue(transportType, "NIO")));
        Object options = invoke(builder, "build");
        return loader.loadClass("io.cupnet.MessageCenter")
            .getConstructor(options.getClass(), handlerType)
            .newInstance(options, handler);
    }

    private static Object message(ClassLoader loader, Object to) throws Exception {
        Object builder = loader.loadClass("io.cupnet.CupMessage").getMethod("builder").invoke(null);
        builder.getClass().getMethod("to", to.getClass()).invoke(builder, to);
        builder.getClass().getMethod("type", int.class).invoke(builder, 7);
        builder.getClass().getMethod("body", String.class).invoke(builder, "no micrometer here");
        return invoke(builder, "build");
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    /** Sets options of one group through {@code CupnetOptions.Builder.<group>(Consumer)}. */
    private static void group(Object builder, String group, ReflectiveSetter setter) throws Exception {
        Consumer<Object> settings = (groupBuilder) -> {
            try {
                setter.set(groupBuilder);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        };
        builder.getClass().getMethod(group, Consumer.class).invoke(builder, settings);
    }

    private interface ReflectiveSetter {

        void set(Object groupBuilder) throws Exception;

    }

    private static Object invoke(Object target, String name, Object... args) throws Exception {
        for (Method method : target.getClass().getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length
                    && (args.length == 0 || method.getParameterTypes()[0].isInstance(args[0]))) {
                return method.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

}
