package org.gatewatch.people;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When a person may pass, as text an operator can type: {@code Mon-Fri 07:00-19:00, Sat 08:00-12:00}. Days are
 * Mon..Sun, a range {@code Mon-Fri} or {@code Daily}; times are HH:mm, end after start. Empty means at any time.
 */
public record AccessWindows(List<Window> windows) {

    public static final AccessWindows ANY_TIME = new AccessWindows(List.of());

    private static final Pattern ENTRY = Pattern.compile(
            "(?i)(daily|[a-z]{3}(?:-[a-z]{3})?)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** One window: these days, from {@code start} (inclusive) to {@code end} (exclusive). */
    public record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
        public Window {
            days = Set.copyOf(days);
        }

        boolean allows(DayOfWeek day, LocalTime time) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }

        @Override
        public String toString() {
            return dayText(days) + " " + start + "-" + end;
        }
    }

    public AccessWindows {
        windows = List.copyOf(windows);
    }

    /** Parses the text form; throws {@link InvalidInputException} on field "accessWindows" with what is wrong. */
    public static AccessWindows parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY_TIME;
        }
        List<Window> list = new ArrayList<>();
        for (String entry : text.split("[,;\\n]")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(e);
            if (!m.matches()) {
                throw invalid("'" + e + "' is not like 'Mon-Fri 07:00-19:00'");
            }
            LocalTime start = time(m.group(2));
            LocalTime end = time(m.group(3));
            if (!end.isAfter(start)) {
                throw invalid("'" + e + "': the end must be after the start");
            }
            list.add(new Window(days(m.group(1)), start, end));
        }
        return new AccessWindows(list);
    }

    /** True at any time when no window is set. */
    public boolean allows(DayOfWeek day, LocalTime time) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.allows(day, time));
    }

    /** The canonical text, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return windows.stream().map(Window::toString).collect(Collectors.joining(", "));
    }

    private static Set<DayOfWeek> days(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        String[] ends = t.split("-");
        DayOfWeek from = day(ends[0]);
        DayOfWeek to = ends.length > 1 ? day(ends[1]) : from;
        if (to.compareTo(from) < 0) {
            throw invalid("'" + text + "': a day range runs forward, Mon to Sun");
        }
        return EnumSet.range(from, to);
    }

    private static DayOfWeek day(String name) {
        int i = DAY_NAMES.indexOf(name);
        if (i < 0) {
            throw invalid("'" + name + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun or Daily)");
        }
        return DayOfWeek.of(i + 1);
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw invalid("'" + text + "' is not a time HH:mm");
        }
    }

    private static String dayText(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "Daily";
        }
        List<DayOfWeek> sorted = days.stream().sorted().toList();
        String first = name(sorted.get(0));
        return sorted.size() == 1 ? first : first + "-" + name(sorted.get(sorted.size() - 1));
    }

    private static String name(DayOfWeek day) {
        String n = DAY_NAMES.get(day.getValue() - 1);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("accessWindows", message);
    }
}
