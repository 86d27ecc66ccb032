package kr.daejeon.battery.content;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of the content set: its number, who made it and when, what it was (an approval, a
 * restore, the bootstrap) and which files changed, and the manifest (path to SHA-256 of the text)
 * that names its files. Recorded in the same atomic step that makes it the current version.
 */
public record ContentVersion(long number, String author, Instant at, String summary, List<FileChange> changes,
                             Map<String, String> manifest) {

    /** One file of the version that differs from the previous one; a null hash means absent. */
    public record FileChange(String path, String before, String after) {
    }

    /** The version without its manifest, for lists. */
    public ContentVersion summaryOnly() {
        return new ContentVersion(number, author, at, summary, changes, Map.of());
    }
}
