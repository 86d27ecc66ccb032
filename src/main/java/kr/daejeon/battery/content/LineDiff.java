package kr.daejeon.battery.content;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts, as hunks with a few lines of context: what the version history shows for
 * a changed file (usually one FAQ entry or one utterance). Common head and tail are cut first, so the
 * quadratic part only sees the changed region.
 */
public final class LineDiff {

    /** One line: {@code op} is " " (unchanged), "-" (removed) or "+" (added); {@code line} its number in the old text (the new one for "+"). */
    public record Line(String op, int line, String text) {
    }

    /** Changed lines with up to three unchanged lines around them. */
    public record Hunk(List<Line> lines) {
    }

    private static final int CONTEXT = 3;
    private static final int MAX_REGION = 4000;

    private LineDiff() {
    }

    public static List<Hunk> of(String before, String after) {
        String[] a = before == null || before.isEmpty() ? new String[0] : before.split("\n", -1);
        String[] b = after == null || after.isEmpty() ? new String[0] : after.split("\n", -1);
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        List<Line> all = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            all.add(new Line(" ", i + 1, a[i]));
        }
        int n = a.length - head - tail;
        int m = b.length - head - tail;
        if ((long) n * m > (long) MAX_REGION * MAX_REGION / 4) {
            for (int i = 0; i < n; i++) {
                all.add(new Line("-", head + i + 1, a[head + i]));
            }
            for (int j = 0; j < m; j++) {
                all.add(new Line("+", head + j + 1, b[head + j]));
            }
        } else {
            int[][] lcs = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i][j] = a[head + i].equals(b[head + j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && a[head + i].equals(b[head + j])) {
                    all.add(new Line(" ", head + i + 1, a[head + i]));
                    i++;
                    j++;
                } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    all.add(new Line("-", head + i + 1, a[head + i])); // removed lines first, as diff tools show them
                    i++;
                } else {
                    all.add(new Line("+", head + j + 1, b[head + j]));
                    j++;
                }
            }
        }
        for (int t = 0; t < tail; t++) {
            all.add(new Line(" ", a.length - tail + t + 1, a[a.length - tail + t]));
        }
        return hunks(all);
    }

    private static List<Hunk> hunks(List<Line> all) {
        List<Hunk> out = new ArrayList<>();
        int i = 0;
        while (i < all.size()) {
            if (all.get(i).op().equals(" ")) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int quiet = 0;
            while (end < all.size() && quiet <= 2 * CONTEXT) {
                quiet = all.get(end).op().equals(" ") ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(all.size(), end - Math.max(0, quiet - CONTEXT));
            List<Line> lines = List.copyOf(all.subList(start, end));
            out.add(new Hunk(lines));
            i = end;
        }
        return out;
    }
}
