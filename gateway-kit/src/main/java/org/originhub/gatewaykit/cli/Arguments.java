package org.originhub.gatewaykit.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of one command: {@code --name value} (repeatable), {@code --name=value}, {@code --flag}, and positional
 * arguments. Every option must be declared by the command: a misspelt one is a usage error, not silently ignored.
 */
final class Arguments {

    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {
    }

    /**
     * @param valued options that take a value
     * @param switches options that take none
     */
    static Arguments parse(List<String> args, Set<String> valued, Set<String> switches) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                parsed.positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                parsed.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("Unknown option --" + name);
            }
        }
        return parsed;
    }

    String value(String name) {
        List<String> values = options.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw new UsageException("--" + name + " may be given once");
        }
        return values.get(0);
    }

    String required(String name) {
        String value = value(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }

    Integer integer(String name, int min, int max) {
        String value = value(name);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, not " + value);
        }
    }

    <E extends Enum<E>> E enumeration(String name, Class<E> type) {
        String value = value(name);
        return value == null ? null : parseEnum(name, value, type);
    }

    static <E extends Enum<E>> E parseEnum(String name, String value, Class<E> type) {
        String normalised = value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalised)) {
                return constant;
            }
        }
        throw new UsageException("--" + name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                + ", not " + value);
    }
}
