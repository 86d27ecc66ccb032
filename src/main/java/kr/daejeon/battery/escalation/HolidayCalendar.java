package kr.daejeon.battery.escalation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Public holidays as data: the Korean ones shipped in {@code holidays/kr.csv} (2026–2030, lunar and
 * substitute holidays worked out in advance, checked against ICU4J's Dangi calendar by a test), plus
 * any file an operator adds. Data rather than rules because substitute holidays, election days and
 * one-off holidays are decided by government, not computed — and no maintained Java library has them.
 *
 * <p>The file format is {@code date,kind,name_ko,name_en}, one holiday a line; {@code #} starts a comment.
 */
public final class HolidayCalendar {

    /** The Korean public holidays shipped with the service. */
    public static final String KOREA = "holidays/kr.csv";

    /** One day off, with what it is called. {@code kind} is fixed, lunar, substitute, election or extra. */
    public record Holiday(LocalDate date, String kind, String nameKo, String nameEn) { }

    private final TreeMap<LocalDate, Holiday> byDate;

    private HolidayCalendar(Map<LocalDate, Holiday> byDate) {
        this.byDate = new TreeMap<>(byDate);
    }

    public static HolidayCalendar empty() {
        return new HolidayCalendar(Map.of());
    }

    /** The shipped Korean holidays, plus the holidays in {@code extraFile} when it is not null. */
    public static HolidayCalendar korea(Path extraFile) {
        Map<LocalDate, Holiday> all = new TreeMap<>();
        try (InputStream in = HolidayCalendar.class.getClassLoader().getResourceAsStream(KOREA)) {
            if (in == null) {
                throw new IllegalStateException(KOREA + " is missing from the class path");
            }
            read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), KOREA, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (extraFile != null) {
            try (BufferedReader r = Files.newBufferedReader(extraFile, StandardCharsets.UTF_8)) {
                read(r, extraFile.toString(), all);
            } catch (IOException e) {
                throw new IllegalArgumentException("holiday file " + extraFile + " cannot be read: " + e.getMessage());
            }
        }
        return new HolidayCalendar(all);
    }

    private static void read(BufferedReader in, String source, Map<LocalDate, Holiday> into) throws IOException {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith("date,")) {
                continue;
            }
            String[] f = text.split(",", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException(source + " line " + number + ": expected date,kind,name_ko,name_en");
            }
            try {
                LocalDate date = LocalDate.parse(f[0].strip());
                // A day that is two holidays at once (Buddha's Birthday on Children's Day) stays one day off.
                into.putIfAbsent(date, new Holiday(date, f[1].strip(), f[2].strip(), f[3].strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(source + " line " + number + ": '" + f[0] + "' is not a date (YYYY-MM-DD)");
            }
        }
    }

    public boolean contains(LocalDate date) {
        return byDate.containsKey(date);
    }

    public Optional<Holiday> on(LocalDate date) {
        return Optional.ofNullable(byDate.get(date));
    }

    public Set<LocalDate> dates() {
        return Collections.unmodifiableSet(byDate.keySet());
    }

    public List<Holiday> inYear(int year) {
        List<Holiday> out = new ArrayList<>();
        for (Holiday h : byDate.values()) {
            if (h.date().getYear() == year) {
                out.add(h);
            }
        }
        return out;
    }

    /** The last year the data covers (0 when there is none). */
    public int lastYear() {
        return byDate.isEmpty() ? 0 : byDate.lastKey().getYear();
    }

    /**
     * A warning for the operator when the data is about to run out: the last year covered is this year
     * or next, so next year's Seollal (late January at the earliest) would count as office hours.
     */
    public Optional<String> coverageWarning(LocalDate today) {
        int last = lastYear();
        // Empty only when the operator turned public holidays off (PUBLIC_HOLIDAYS=none): nothing to warn about.
        if (byDate.isEmpty() || last > today.getYear() + 1) {
            return Optional.empty();
        }
        return Optional.of("public holiday data ends with " + last
                + ": add the next years to " + KOREA + " or a HOLIDAYS_FILE, or holidays will count as office hours");
    }
}
