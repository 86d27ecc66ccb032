package kr.daejeon.battery.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.daejeon.battery.staff.PasswordHasher;

/** Writes a staff accounts file for tests: each account is username, display name, role; password = username + "-pass". */
public final class TestStaff {

    private TestStaff() {
    }

    public static Path accountsFile(String... accounts) {
        StringBuilder yaml = new StringBuilder("accounts:\n");
        for (String account : accounts) {
            String[] p = account.split(":");
            yaml.append("  - {username: ").append(p[0]).append(", name: ").append(p[1]).append(", role: ").append(p[2])
                    .append(", password_hash: '").append(PasswordHasher.hash((p[0] + "-pass").toCharArray())).append("'}\n");
        }
        try {
            Path file = Files.createTempFile("staff", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
