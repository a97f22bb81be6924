package org.gatewatch.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The arguments of one command-line tool: {@code --option VALUE} pairs (an option given twice keeps both values, for
 * repeatable ones such as {@code --set}), {@code --flag}s, {@code -h}/{@code --help}, and the plain arguments. Every
 * tool of this package parses the same way, so a missing value or an unknown option reads the same in each.
 */
public final class CommandLine {

    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> plain = new ArrayList<>();
    private boolean help;

    private CommandLine() {
    }

    /**
     * @param withValue the options that take a value
     * @param flagNames the options that take none
     * @throws IllegalArgumentException for an unknown option or an option without its value
     */
    public static CommandLine parse(String[] args, Set<String> withValue, Set<String> flagNames) {
        CommandLine c = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                c.help = true;
            } else if (withValue.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                c.values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
            } else if (flagNames.contains(a)) {
                c.flags.add(a);
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else {
                c.plain.add(a);
            }
        }
        return c;
    }

    public boolean help() {
        return help;
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The option's last value, if given. */
    public Optional<String> value(String option) {
        List<String> v = values.get(option);
        return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    /** The option's last value converted, or {@code otherwise}; a value that does not convert names the option. */
    public <T> T value(String option, Function<String, T> convert, T otherwise) {
        Optional<String> v = value(option);
        if (v.isEmpty()) {
            return otherwise;
        }
        try {
            return convert.apply(v.get());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": not a valid value '" + v.get() + "'", e);
        }
    }

    /** Every value of a repeatable option, in order. */
    public List<String> values(String option) {
        return List.copyOf(values.getOrDefault(option, List.of()));
    }

    /** The arguments that are not options. */
    public List<String> plain() {
        return List.copyOf(plain);
    }
}
