package kr.daejeon.battery.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What both stores compute the same way: a version's manifest and its changes against the one before. */
public final class VersionRecords {

    private VersionRecords() {
    }

    public static Map<String, String> manifest(ContentFiles files) {
        Map<String, String> out = new TreeMap<>();
        files.files().forEach((path, text) -> out.put(path, ContentFiles.sha256(text)));
        return out;
    }

    public static List<ContentVersion.FileChange> changes(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<ContentVersion.FileChange> out = new ArrayList<>();
        for (String p : paths) {
            String b = before.get(p);
            String a = after.get(p);
            if (!java.util.Objects.equals(a, b)) {
                out.add(new ContentVersion.FileChange(p, b, a));
            }
        }
        return out;
    }
}
