package org.originhub.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.originhub.web.edge.ClientAddress;
import org.originhub.web.edge.EdgeSettings;

/**
 * Throttles failed sign-ins per source address, for the API and the console alike, instead of locking accounts (a
 * lock anyone can cause by guessing the administrator's name is itself an attack):
 * <ul>
 * <li>an address that failed {@code HUB_LOGIN_SOURCE_FAILURES} (5) times for one username is refused that username
 * for {@code HUB_LOGIN_THROTTLE_MINUTES} (15): the lock-out, per source;</li>
 * <li>an address that failed {@code HUB_LOGIN_ADDRESS_FAILURES} (20) times in all is refused every sign-in for the same
 * time: guessing across many names;</li>
 * <li>an address with failures in the window checks one password at a time: a concurrent burst from it is refused at
 * once instead of occupying the cores with password hashing.</li>
 * </ul>
 * A refused attempt costs no password hashing and says the same for existing and unknown names (it depends only on
 * what the caller sent). The owner of an account signs in from any other address.
 *
 * <p>The state is per node and in memory, bounded to {@value #MAX_TRACKED} addresses and pairs (the oldest are
 * forgotten first): on several nodes behind a balancer each node counts on its own, so an attacker gets at most the
 * limit once per node; a restart forgets. The failures are also counted on the account in the database and every
 * failure is audited.
 *
 * <p>The methods are public: callers reach this bean through its CDI client proxy, which forwards public methods only
 * (a package-private call would run on the proxy's own, unconfigured fields).
 */
@ApplicationScoped
public class LoginThrottle {

    static final int MAX_TRACKED = 10_000;

    private final Map<String, Window> failures = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_TRACKED;
        }
    };
    private final Map<String, Integer> checking = new HashMap<>();

    int perSourceAndName = 5;
    int perSource = 20;
    Duration window = Duration.ofMinutes(15);
    Set<String> trustedProxies = Set.of();
    Clock clock = Clock.systemUTC();

    @PostConstruct
    void configure() {
        Config config = ConfigProvider.getConfig();
        perSourceAndName = config.getOptionalValue("HUB_LOGIN_SOURCE_FAILURES", Integer.class).orElse(5);
        perSource = config.getOptionalValue("HUB_LOGIN_ADDRESS_FAILURES", Integer.class).orElse(20);
        window = Duration.ofMinutes(config.getOptionalValue("HUB_LOGIN_THROTTLE_MINUTES", Integer.class).orElse(15));
        trustedProxies = EdgeSettings.from(config).trustedProxies();
    }

    /** The address the sign-in came from ({@code X-Forwarded-For} counts only from a trusted proxy). */
    public String source(HttpServletRequest request) {
        return ClientAddress.of(request, trustedProxies);
    }

    /**
     * Starts a password check from {@code source} for {@code username}, or says how long the caller must wait. A
     * started check must be {@link #end ended}.
     */
    public synchronized Optional<Duration> begin(String source, String username) {
        Instant now = clock.instant();
        Optional<Duration> wait = refused(sourceKey(source), perSource, now)
                .or(() -> refused(pairKey(source, username), perSourceAndName, now));
        if (wait.isPresent()) {
            return wait;
        }
        int running = checking.getOrDefault(source, 0);
        if (running > 0 && current(sourceKey(source), now) != null) {
            return Optional.of(Duration.ofSeconds(1));
        }
        checking.put(source, running + 1);
        return Optional.empty();
    }

    public synchronized void end(String source) {
        checking.computeIfPresent(source, (key, running) -> running > 1 ? running - 1 : null);
    }

    /** Counts a failed check (wrong password, unknown, locked or disabled account). */
    public synchronized void failed(String source, String username) {
        Instant now = clock.instant();
        count(sourceKey(source), now);
        count(pairKey(source, username), now);
    }

    /** A correct password clears the pair's count; the address's own count stays (it may be guessing other names). */
    public synchronized void succeeded(String source, String username) {
        failures.remove(pairKey(source, username));
    }

    private Optional<Duration> refused(String key, int limit, Instant now) {
        Window current = current(key, now);
        if (current == null || limit <= 0 || current.count < limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, current.start.plus(window));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    private Window current(String key, Instant now) {
        Window existing = failures.get(key);
        if (existing != null && !now.isBefore(existing.start.plus(window))) {
            failures.remove(key);
            return null;
        }
        return existing;
    }

    private void count(String key, Instant now) {
        Window existing = current(key, now);
        failures.put(key, existing == null ? new Window(now, 1) : new Window(existing.start, existing.count + 1));
    }

    private static String sourceKey(String source) {
        return source;
    }

    private static String pairKey(String source, String username) {
        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        return source + " " + (name.length() > 64 ? name.substring(0, 64) : name);
    }

    private record Window(Instant start, int count) {
    }
}
