package org.originhub.bench;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of a soak ({@code --soak}): a whole number of seconds, minutes or hours ({@code 300s}, {@code 5m},
 * {@code 1h}). At least four minutes, so that three minute samples follow the warm-up (the first 20 %) and a slope
 * with a standard error can be fitted; at most a day.
 */
final class SoakDuration {

    static final Duration SHORTEST = Duration.ofMinutes(4);
    static final Duration LONGEST = Duration.ofHours(24);
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})([smh])");

    private SoakDuration() {
    }

    static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--soak takes a duration such as 300s, 5m or 1h, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("--soak must be between 4m and 24h (three minute samples after the "
                    + "warm-up are needed for a slope), not " + text);
        }
        return duration;
    }

    /** As the report writes it: {@code 5m}, {@code 1h}, {@code 90m}, {@code 270s}. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
