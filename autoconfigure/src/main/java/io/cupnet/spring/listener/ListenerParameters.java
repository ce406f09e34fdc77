package io.cupnet.spring.listener;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cupnet.Acknowledgment;
import io.cupnet.CupMessage;
import io.cupnet.PeerAddress;
import io.cupnet.PeerIdentity;
import io.cupnet.UniqId;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;

/**
 * Checks at start-up that every parameter of a {@code @MessageListener} method can be
 * resolved: at most one body, no transport types, headers that exist, and in a batch
 * listener only what a batch carries.
 */
final class ListenerParameters {

    /** What a listener can take, for the error messages. */
    static final String SUPPORTED = "the body (byte[], String, or any other class as JSON; a List for batch = true), "
            + "CupMessage, PeerAddress (the sender), UniqId, PeerIdentity, Acknowledgment, "
            + "@Header(CupnetHeaders.FLAGS | TYPE | UNIQ_ID | FROM | TO | TRANSPORT) and @Headers Map<String, Object>";

    private static final Set<Class<?>> PER_MESSAGE = Set.of(CupMessage.class, PeerAddress.class, UniqId.class,
            PeerIdentity.class);

    private static final Set<String> HEADERS = Set.of(CupnetHeaders.FLAGS, CupnetHeaders.TYPE, CupnetHeaders.UNIQ_ID,
            CupnetHeaders.FROM, CupnetHeaders.TO, CupnetHeaders.TRANSPORT, CupnetHeaders.ACKNOWLEDGMENT);

    private static final List<String> TRANSPORT_PACKAGES = List.of("java.net.", "io.netty.", "java.nio.channels.");

    private ListenerParameters() {
    }

    /**
     * @throws ListenerConfigurationException naming the first parameter that cannot be resolved
     */
    static void validate(ListenerEndpoint endpoint, MethodParameter[] parameters) {
        MethodParameter body = null;
        for (MethodParameter parameter : parameters) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            if (isHeader(parameter)) {
                validateHeader(endpoint, parameter);
            }
            else if (PER_MESSAGE.contains(parameter.getParameterType())) {
                validatePerMessage(endpoint, parameter);
            }
            else if (parameter.getParameterType() != Acknowledgment.class) {
                validateBody(endpoint, parameter, body);
                body = parameter;
            }
        }
    }

    private static boolean isHeader(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(Header.class) || parameter.hasParameterAnnotation(Headers.class);
    }

    private static void validateHeader(ListenerEndpoint endpoint, MethodParameter parameter) {
        Header header = parameter.getParameterAnnotation(Header.class);
        if (header == null) {
            if (!Map.class.isAssignableFrom(parameter.getParameterType())) {
                throw fail(endpoint, parameter, "is annotated @Headers but is not a Map",
                        "Declare it as Map<String, Object> or MessageHeaders");
            }
            return;
        }
        String name = header.name().isEmpty() ? header.value() : header.name();
        if (!name.isEmpty() && !HEADERS.contains(name)) {
            throw fail(endpoint, parameter, "asks for header '" + name + "', which cupnet messages do not carry",
                    "Use one of the names in CupnetHeaders: " + HEADERS.stream().sorted().toList());
        }
    }

    private static void validatePerMessage(ListenerEndpoint endpoint, MethodParameter parameter) {
        if (endpoint.isBatch()) {
            throw fail(endpoint, parameter,
                    "is a " + parameter.getParameterType().getSimpleName() + ", which differs per message of a batch",
                    "Take List<CupMessage> and read each message's from(), uniqId() or peerIdentity()");
        }
    }

    private static void validateBody(ListenerEndpoint endpoint, MethodParameter parameter, MethodParameter body) {
        Class<?> type = parameter.getParameterType();
        if (SocketAddress.class.isAssignableFrom(type) || InetAddress.class.isAssignableFrom(type)) {
            throw fail(endpoint, parameter, "is a " + type.getSimpleName() + ", which cupnet cannot resolve",
                    "Take the sender as io.cupnet.PeerAddress (its ip and port as the sender announced them)");
        }
        if (Message.class.isAssignableFrom(type) || isTransportType(type)) {
            throw fail(endpoint, parameter, "is a " + type.getName() + ", which cupnet cannot resolve",
                    "Take io.cupnet.CupMessage for the whole message");
        }
        if (body != null) {
            throw fail(endpoint, parameter, "would be a second body: " + name(body) + " is already the body",
                    "A listener takes one body; annotate the others with @Header or give them a type cupnet resolves");
        }
        if (endpoint.isBatch() && !List.class.isAssignableFrom(type)) {
            throw fail(endpoint, parameter, "is the body of a batch listener but not a List",
                    "Take the batch as List<YourBody> or List<CupMessage>");
        }
    }

    private static boolean isTransportType(Class<?> type) {
        String name = type.getName();
        return TRANSPORT_PACKAGES.stream().anyMatch(name::startsWith);
    }

    private static ListenerConfigurationException fail(ListenerEndpoint endpoint, MethodParameter parameter,
            String problem, String action) {
        return new ListenerConfigurationException(endpoint.describe(),
                "Parameter " + name(parameter) + " of @MessageListener " + endpoint.describe() + " " + problem,
                action + ". Supported: " + SUPPORTED + ".");
    }

    private static String name(MethodParameter parameter) {
        String name = parameter.getParameterName();
        return parameter.getParameterIndex() + " (" + parameter.getParameterType().getSimpleName()
                + ((name != null) ? " " + name : "") + ")";
    }

}
