package kr.daejeon.battery;

import java.util.Arrays;
import java.util.List;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.eval.EvalCommand;

/** Entry point: {@code serve} (default), {@code eval}, {@code train}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (kr.daejeon.battery.config.ConfigException e) {
            // A configuration mistake is the operator's to fix: the list of problems, no stack trace.
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    static void run(String[] args) throws Exception {
        // Options without a command ("--port 9090", "--config app.yaml") start the server, as the docs say.
        boolean serveByDefault = args.length == 0 || (args[0].startsWith("--") && !args[0].equals("--help"));
        String command = serveByDefault ? "serve" : args[0];
        List<String> rest = serveByDefault ? Arrays.asList(args) : Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            // Every command answers --help before it reads any configuration or starts anything.
            System.out.println(helpFor(command));
            return;
        }
        switch (command) {
            case "serve" -> Server.startAndWait(AppConfig.load(rest, System.getenv()));
            case "eval" -> {
                AppConfig config = AppConfig.load(List.of(), System.getenv());
                try {
                    System.exit(EvalCommand.run(rest, config.classifierSettings(), config.intentsDir(), System.out));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    // A wrong option or a missing library: the reason, no stack trace.
                    System.err.println("eval: " + e.getMessage());
                    System.exit(2);
                }
            }
            case "train" -> TrainCommand.run(rest, AppConfig.load(List.of(), System.getenv()));
            case "hash-password" -> {
                try {
                    System.out.println(kr.daejeon.battery.staff.PasswordHasher.hash(readPassword()));
                } catch (IllegalArgumentException e) {
                    // A refused password: the reason, no stack trace.
                    System.err.println("hash-password: " + e.getMessage());
                    System.exit(2);
                }
            }
            case "help", "--help", "-h" -> System.out.println(USAGE);
            default -> {
                System.err.println("unknown command: " + command);
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }

    static final String USAGE = """
            usage: java -jar target/inquiry-assistant.jar [command]
              serve [--config FILE]   start the server (default)
              eval [options]          evaluate the intent classifier
                  --intents DIR  --folds K  --no-cv  --heldout DIR  --clinc FILE  --clinc-model FILE
                  --encoder minilm   (with --clinc) also an ensemble with sentence vectors; needs the Maven class path
                  --algorithm MAXENT|MAXENT_QN  --iterations N  --l2 C  --threshold T
                  --features ngrams|ngrams+nori
                  --add INTENT:ko|en:TEXT   (repeatable) before/after comparison for proposed utterances
                  --set DIR  --perturb  --dialogues FILE  --seed N  --faq DIR  --show-errors
                             frozen real questions through the conversation engine (docs/evaluation.md)
              train --out FILE        train on intents/ and save the model file
              hash-password           read a password (prompt or stdin) and print its hash for the staff accounts file
            """;

    /** The usage lines of one command (all of them for an unknown one). */
    static String helpFor(String command) {
        StringBuilder out = new StringBuilder("usage: java -jar target/inquiry-assistant.jar " + command + " [options]\n");
        boolean in = false;
        for (String line : USAGE.split("\n")) {
            if (line.startsWith("  ") && !line.startsWith("    ")) {
                in = line.strip().startsWith(command + " ") || line.strip().equals(command);
            }
            if (in) {
                out.append(line).append('\n');
            }
        }
        if (command.equals("serve")) {
            out.append("  every setting of the configuration table (docs/operations.md) can also be given as --key value,\n")
                    .append("  e.g. --port 8081 --business-hours 'MON-FRI 09:00-18:00'\n");
        }
        return in || out.indexOf("\n  ") > 0 ? out.toString() : USAGE;
    }

    /**
     * The new password, asked twice at a terminal (a typo would lock its owner out); from standard input one line,
     * for scripts. Either way at least {@link kr.daejeon.battery.staff.StaffAccounts#MIN_PASSWORD} characters, the
     * same rule as the console's account screen.
     */
    static char[] readPassword() throws java.io.IOException {
        char[] password;
        if (System.console() != null) {
            password = System.console().readPassword("new staff password: ");
            char[] again = System.console().readPassword("the same password again: ");
            if (password == null || again == null || !java.util.Arrays.equals(password, again)) {
                throw new IllegalArgumentException("the two passwords differ; nothing was printed");
            }
        } else {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("no password given on standard input");
            }
            password = line.toCharArray();
        }
        int length = new String(password).codePointCount(0, password.length);
        if (length < kr.daejeon.battery.staff.StaffAccounts.MIN_PASSWORD) {
            throw new IllegalArgumentException("a staff password needs at least "
                    + kr.daejeon.battery.staff.StaffAccounts.MIN_PASSWORD + " characters (got " + length + ")");
        }
        return password;
    }
}
