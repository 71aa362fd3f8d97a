package dev.orderplatform.web.grpc;

import dev.orderplatform.web.security.JwtTokens;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Put on the channel to another platform service: every call carries a bearer token signed with the platform key
 * whose subject is the caller, whose audience is the callee and whose role is SERVICE (see
 * {@link JwtTokens#issueServiceToken}). The token lives {@link #VALIDITY}; it is minted once and reused until
 * {@link #RENEWAL_MARGIN} before it expires, so a call never signs and never leaves with a token about to lapse.
 */
public final class ServiceCredentials implements ClientInterceptor {

    public static final Duration VALIDITY = Duration.ofMinutes(5);
    /** Time a token still has when it is replaced: a callee whose clock runs ahead by less still accepts it. */
    public static final Duration RENEWAL_MARGIN = Duration.ofMinutes(2);

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final JwtTokens tokens;
    private final String caller;
    private final String audience;
    private final Clock clock;
    /** Two calls may both renew at once; either token is good, so there is nothing to lock. */
    private volatile @Nullable Credential current;

    public ServiceCredentials(JwtTokens tokens, String caller, String audience) {
        this(tokens, caller, audience, Clock.systemUTC());
    }

    ServiceCredentials(JwtTokens tokens, String caller, String audience, Clock clock) {
        this.tokens = tokens;
        this.caller = caller;
        this.audience = audience;
        this.clock = clock;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(AUTHORIZATION, authorization());
                super.start(listener, headers);
            }
        };
    }

    /** The {@code authorization} value the next call carries. */
    String authorization() {
        Instant now = clock.instant();
        Credential credential = current;
        if (credential == null || !now.isBefore(credential.renewAt())) {
            credential = new Credential(
                    "Bearer " + tokens.issueServiceToken(caller, audience, VALIDITY),
                    now.plus(VALIDITY).minus(RENEWAL_MARGIN));
            current = credential;
        }
        return credential.authorization();
    }

    private record Credential(String authorization, Instant renewAt) {}
}
