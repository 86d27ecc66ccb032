package kr.daejeon.battery;

import java.nio.file.Path;
import java.util.List;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;

/** {@code train --out FILE}: trains on intents/ and saves the model, to be loaded with MODEL_FILE. */
final class TrainCommand {

    private TrainCommand() {
    }

    static void run(List<String> args, AppConfig config) throws Exception {
        if (args.size() != 2 || !args.get(0).equals("--out")) {
            throw new IllegalArgumentException("usage: train --out FILE");
        }
        long t0 = System.nanoTime();
        IntentClassifier model = IntentClassifier.train(IntentCorpus.load(config.intentsDir()).utterances(),
                config.classifierSettings());
        model.save(Path.of(args.get(1)));
        System.out.printf("trained %d intents in %.1f s, saved to %s%n", model.intents().size(),
                (System.nanoTime() - t0) / 1e9, args.get(1));
    }
}
