package kr.daejeon.battery.eligibility;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.daejeon.battery.conversation.Message;
import java.util.Optional;
import kr.daejeon.battery.faq.Answer;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.faq.LocalizedText;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.TextNormalizer;
import kr.daejeon.battery.profile.CompanyProfile;
import kr.daejeon.battery.profile.CompanyProfileExtractor;
import kr.daejeon.battery.profile.PlaceMention;
import kr.daejeon.battery.profile.Sales;

/**
 * The guided eligibility pre-check on the public rules of the call: asks the questions of
 * {@link EligibilityRules} one by one with quick replies and ends with, per track, whether the
 * company may fit, clause by clause with each rule's source, always as guidance.
 *
 * <p>Free answers are read with {@link CompanyProfileExtractor} (so "본사는 서울이고 공장은 유성구" is a
 * plant in Daejeon and "서울에 본사" is nothing in Daejeon) and echoed back for a "네" before they count;
 * a tapped button counts at once. Facts the company gave before the check are offered for
 * confirmation instead of asked again. A message that is a question rather than an answer ("신청
 * 마감이 언제예요?") comes back as a {@link Step#sideQuestion() side question} for the conversation to
 * answer, after which {@link #resume} asks again. Pure: the state travels in {@link EligibilityCheck}.
 */
public final class EligibilityFlow {

    public static final String INTENT = "eligibility";
    private static final String RELOCATION_CONFIRMED = "relocation_confirmed";
    private static final String UNKNOWN = "unknown";

    /**
     * @param check the new state (null when cancelled); {@code understood} false when the message was not an answer
     * @param sideQuestion the message is a question, not an answer: no replies here — answer it, then call {@link #resume}
     */
    /**
     * @param offersPerson the replies end with "shall I connect you with staff?" (an open result): a "네" hands over
     */
    public record Step(EligibilityCheck check, List<Message> replies, boolean understood, boolean sideQuestion, boolean offersPerson) {

        public Step(EligibilityCheck check, List<Message> replies, boolean understood) {
            this(check, replies, understood, false, false);
        }
    }

    private static final List<String> CANCEL_WORDS = List.of("그만", "취소", "중단", "cancel", "stop", "quit");
    private static final List<String> RESTART_WORDS = List.of("처음부터", "다시 시작", "다시 확인", "restart", "start over");
    private static final List<String> YES_WORDS = List.of("네", "넵", "넹", "예", "응", "ㅇㅇ", "맞아요", "맞습니다", "맞아", "맞음", "그래요", "그렇습니다",
            "yes", "yep", "yeah", "yup", "correct", "right", "sure", "ok", "okay", "true");
    private static final List<String> NO_WORDS = List.of("아니요", "아니오", "아뇨", "아니", "아닙니다", "아니에요", "아님", "틀려요", "틀렸어요", "틀림",
            "no", "nope", "wrong", "incorrect", "not");
    private static final Pattern QUESTION = Pattern.compile("\\?|언제|어디|무엇|뭐|뭔|어떻게|어떤|얼마|왜|누가|누구|있나요|되나요|인가요|하나요|할까요|나요$|까요|"
            + "가요$|알려|궁금|(?<![a-z])(?:what|when|where|how|which|who|why|can i|can we|do i|do we|is there|are there|tell me)(?![a-z])");
    private static final Pattern ONLY_NUMBER = Pattern.compile("^\\s*(?:약|about|around)?\\s*(\\d{1,6})\\s*$");
    private static final Pattern UNSURE = Pattern.compile("모르|모름|글쎄|not sure|don t know|dont know|no idea|unsure");

    private final EligibilityRules rules;
    private final FaqCatalog faq;
    private final ZoneId zone;

    public EligibilityFlow(EligibilityRules rules, FaqCatalog faq, ZoneId zone) {
        this.rules = rules;
        this.faq = faq;
        this.zone = zone;
        rules.ruleAnswers().forEach((fact, id) -> {
            if (faq.answer(id).isEmpty()) {
                throw new IllegalArgumentException("eligibility rule_answers." + fact + ": no answer '" + id + "' in the FAQ");
            }
        });
    }

    /**
     * The curated answer for a bare "can we apply?" after a fact a public rule turns on ("저희는 서울에 있는 양극재
     * 회사인데 신청돼요?" → the location rule), see {@link DecidingFact}; empty for any other message.
     */
    public Optional<Answer> ruleAnswer(String text) {
        return DecidingFact.of(text).map(rules.ruleAnswers()::get).flatMap(faq::answer);
    }

    public String startLabel(Language language) {
        return rules.startLabel().in(language);
    }

    public boolean isStart(String text) {
        String t = TextNormalizer.normalize(text);
        if (t.equals(TextNormalizer.normalize(rules.startLabel().ko())) || t.equals(TextNormalizer.normalize(rules.startLabel().en()))) {
            return true;
        }
        // "자격 사전 확인 해볼게요", "eligibility pre-check please": the check named in a short request.
        String bare = t.replace(" ", "");
        return t.length() <= 40 && (bare.contains("자격사전확인") || bare.contains("사전자격확인") || bare.contains("자격확인해")
                || t.contains("eligibility check") || t.contains("eligibility pre check") || t.contains("pre check")
                || t.contains("precheck"));
    }

    /**
     * "Start over": the quick reply (also after the check has finished), or said during the check ("처음부터 다시
     * 할게요"; after it, "처음부터" may begin any question). Every question again, nothing assumed.
     */
    public boolean isRestart(EligibilityCheck check, String text) {
        String t = " " + TextNormalizer.normalize(text) + " ";
        return matchesLabel(text, rules.restartLabel()) || inProgress(check) && RESTART_WORDS.stream().anyMatch(t::contains);
    }

    /** True while questions remain. */
    public boolean inProgress(EligibilityCheck check) {
        return check != null && check.step() < rules.questions().size();
    }

    public Step start(Language language, Instant now) {
        return start(CompanyProfile.EMPTY, language, now);
    }

    /**
     * Starts the check from what the company already said ({@code known}, e.g. its self-introduction):
     * questions the profile answers are put to it as "앞서 말씀하신 내용으로는 … 맞나요?" instead of asked.
     */
    public Step start(CompanyProfile known, Language language, Instant now) {
        EligibilityCheck check = EligibilityCheck.begin(known);
        List<Message> replies = new ArrayList<>();
        replies.add(bot(rules.message("intro", language), List.of(), now));
        Turn first = arrive(check, language, now);
        replies.add(first.message());
        return new Step(first.check(), replies, true);
    }

    /** After the conversation answered a side question: the pending question (or confirmation) again. */
    public Step resume(EligibilityCheck check, Language language, Instant now) {
        if (!inProgress(check)) {
            return new Step(check, List.of(), true);
        }
        Message again = check.pending() != null ? confirmation(check, "echo", language, now) : ask(check, language, now);
        return new Step(check, List.of(bot(rules.message("resume", language) + " " + again.text(), again.quickReplies(), now)), true);
    }

    public Step answer(EligibilityCheck check, String text, Language language, Instant now) {
        String t = " " + TextNormalizer.normalize(text) + " ";
        if (matchesLabel(text, rules.cancelLabel()) || CANCEL_WORDS.stream().anyMatch(t::contains)) {
            return new Step(null, List.of(bot(rules.message("cancelled", language), List.of(), now)), true);
        }
        if (isRestart(check, text)) {
            return start(CompanyProfile.EMPTY, language, now); // "start over" means every question, nothing assumed
        }
        EligibilityRules.Question q = rules.questions().get(check.step());
        if (check.pending() != null) {
            if (matchesLabel(text, rules.yesLabel()) || isYes(text)) {
                return recorded(check, q, check.pending(), language, now);
            }
            String rest = afterNo(text);
            if (rest != null && rest.isBlank()) {
                // Not what they meant: the question itself again, without the guess.
                EligibilityCheck cleared = check.awaiting(null);
                return new Step(cleared, List.of(ask(cleared, language, now)), true);
            }
            if (rest != null) {
                text = rest; // "아니요, 공장은 세종이에요": the correction is the new answer
            } else if (isUnsure(text)) {
                // "모름" to "…맞나요?": asking again only repeats the question (it did, in a trial), so the fact is
                // left open for the office to confirm and the check moves on.
                return leftOpen(check, q, language, now);
            }
        }
        for (EligibilityRules.Option o : q.options()) {
            if (matchesLabel(text, o.label())) {
                return recorded(check, q, o.value(), language, now); // a tapped button needs no echo
            }
        }
        Understood u = understand(q, text);
        if (u.ambiguousPlace() != null) {
            return new Step(check.awaiting(null), List.of(bot(rules.message("ambiguous_district", language).replace("{place}", u.ambiguousPlace()),
                    List.of(), now), ask(check, language, now)), false);
        }
        if (u.value() != null) {
            EligibilityCheck next = check.learned(u.learned()).awaiting(u.value());
            return new Step(next, List.of(confirmation(next, "echo", language, now, u.placeNamed())), true);
        }
        if (looksLikeQuestion(text)) {
            return new Step(check, List.of(), false, true, false);
        }
        if (check.pending() == null && isUnsure(text)) {
            // "모름" to the question itself (no guess to confirm): asked again it loops; left open, the check goes on.
            return leftOpen(check, q, language, now);
        }
        if (check.pending() != null) {
            return new Step(check, List.of(bot(rules.message("yes_or_no", language), List.of(), now),
                    confirmation(check, "echo", language, now)), false);
        }
        return new Step(check, List.of(bot(rules.message("not_understood", language), List.of(), now), ask(check, language, now)), false);
    }

    /** Per track, what the answers so far say (unanswered questions count as open). */
    public Map<String, Outcome> outcomes(EligibilityCheck check) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (EligibilityRules.Track track : rules.tracks()) {
            out.put(track.id(), track.outcome(check == null ? Map.of() : check.answers()));
        }
        return out;
    }

    /**
     * What the company is now known to be: what it said before and during the check, with the confirmed
     * answers on top (a tapped "공장" is a plant in Daejeon). For keeping with the conversation. Head
     * counts and sales from buttons are ranges, so they are not put in.
     */
    public CompanyProfile profile(EligibilityCheck check) {
        if (check == null) {
            return CompanyProfile.EMPTY;
        }
        CompanyProfile known = check.known();
        Map<String, String> a = check.answers();
        String location = a.get("location");
        java.util.Set<String> sites = null;
        String region = null;
        String relocation = null;
        if (UNKNOWN.equals(location)) {
            location = null; // left open: nothing learned about the sites
        }
        if (location != null && location.startsWith("relocation_")) {
            relocation = location.substring("relocation_".length());
        } else if ("none".equals(location)) {
            sites = java.util.Set.of();
        } else if (location != null && !location.equals("site")) {
            sites = java.util.Set.of(location.split("\\+"));
            region = sites.contains("hq") || known.region() == null ? CompanyProfile.DAEJEON : null;
        } else if ("site".equals(location) && known.region() == null) {
            region = CompanyProfile.DAEJEON;
        }
        String type = a.get("company_type");
        String segment = a.get("segment");
        return known.merge(new CompanyProfile(region, null, sites, null, relocation,
                segment == null || segment.equals("unknown") ? null : segment, null, null,
                type != null && CompanyProfile.COMPANY_TYPES.contains(type) ? type : null));
    }

    /** The answers in words, for the staff ticket; null when there are none. */
    public String summary(EligibilityCheck check, Language language) {
        if (check == null || check.answers().isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder(language == Language.KO ? "자격 사전 확인 답변: " : "Eligibility check answers: ");
        boolean first = true;
        for (EligibilityRules.Question q : rules.questions()) {
            String v = check.answers().get(q.id());
            if (v != null) {
                b.append(first ? "" : " · ").append(q.id()).append('=').append(describe(q, v, language));
                first = false;
            }
        }
        return b.toString();
    }

    // ---- moving through the questions ----

    private record Turn(EligibilityCheck check, Message message) {
    }

    private Step recorded(EligibilityCheck check, EligibilityRules.Question q, String value, Language language, Instant now) {
        EligibilityCheck next = check.answered(q.id(), value);
        if (rules.tracks().stream().allMatch(t -> t.failedAlready(next.answers()))) {
            return finished(next.finished(rules.questions().size()), language, now);
        }
        if (!inProgress(next)) {
            return finished(next, language, now);
        }
        Turn turn = arrive(next, language, now);
        return new Step(turn.check(), List.of(turn.message()), true);
    }

    /** The question recorded as not known (its clauses stay open, "사무국 확인"), said so, then the next question. */
    private Step leftOpen(EligibilityCheck check, EligibilityRules.Question q, Language language, Instant now) {
        Step next = recorded(check, q, UNKNOWN, language, now);
        List<Message> replies = new ArrayList<>();
        replies.add(bot(rules.message("left_open", language), List.of(), now));
        replies.addAll(next.replies());
        return new Step(next.check(), replies, true, false, next.offersPerson());
    }

    /** At a new question: confirm what the company already said, or ask. */
    private Turn arrive(EligibilityCheck check, Language language, Instant now) {
        EligibilityRules.Question q = rules.questions().get(check.step());
        String known = fromProfile(q, check.known());
        if (known != null) {
            EligibilityCheck next = check.awaiting(known);
            return new Turn(next, confirmation(next, "known", language, now));
        }
        return new Turn(check, ask(check, language, now));
    }

    private Message ask(EligibilityCheck check, Language language, Instant now) {
        EligibilityRules.Question q = rules.questions().get(check.step());
        List<String> replies = new ArrayList<>();
        q.options().forEach(o -> replies.add(o.label().in(language)));
        replies.add(rules.cancelLabel().in(language));
        return bot(q.ask().in(language), replies, now);
    }

    private Message confirmation(EligibilityCheck check, String key, Language language, Instant now) {
        return confirmation(check, key, language, now, null);
    }

    private Message confirmation(EligibilityCheck check, String key, Language language, Instant now, String placeNamed) {
        EligibilityRules.Question q = rules.questions().get(check.step());
        String fact = Echo.fact(q.id(), check.pending(), check.known(), placeNamed, language);
        String number = q.ask().in(language).replaceAll("^(\\d+/\\d+\\.).*$", "$1");
        String text = (number.matches("\\d+/\\d+\\.") ? number + " " : "") + rules.message(key, language).replace("{fact}", fact);
        List<String> replies = new ArrayList<>(List.of(rules.yesLabel().in(language), rules.noLabel().in(language)));
        if ("none".equals(check.pending())) {
            // "Nothing in Daejeon" is where a move matters: the relocation answers stay one tap away.
            q.options().stream().filter(o -> o.value().startsWith("relocation_")).forEach(o -> replies.add(o.label().in(language)));
        }
        replies.add(rules.cancelLabel().in(language));
        return bot(text, replies, now);
    }

    // ---- understanding answers ----

    /** @param ambiguousPlace a bare 서구/중구/동구 that cannot be placed; {@code placeNamed} a place outside Daejeon, for the echo */
    record Understood(String value, CompanyProfile learned, String ambiguousPlace, String placeNamed) {

        static final Understood NOTHING = new Understood(null, null, null, null);

        static Understood of(String value, CompanyProfile learned) {
            return new Understood(value, learned, null, null);
        }
    }

    Understood understand(EligibilityRules.Question q, String text) {
        CompanyProfileExtractor.Reading reading = CompanyProfileExtractor.read(text);
        CompanyProfile p = reading.profile();
        String n = TextNormalizer.normalize(text);
        String value = switch (q.id()) {
            case "location" -> {
                if (!reading.unresolved().isEmpty() && !p.hasDaejeonSite() && p.relocation() == null) {
                    yield "?" + reading.unresolved().get(0);
                }
                String v = location(p);
                if (v == null && reading.places().isEmpty() && !reading.daejeonDiscounted()) {
                    // No place named: the question is about Daejeon, so "공장 있어요" is a plant in Daejeon and
                    // "이전 예정" (or "공장 지을 예정", a site not there yet) is a move to Daejeon.
                    String move = CompanyProfileExtractor.moveWithoutPlace(text);
                    if (move != null) {
                        v = "relocation_" + move;
                    } else if (reading.negated() && !UNSURE.matcher(n).find()) { // "not sure" is no "not in Daejeon"
                        v = "none";
                    } else if (!reading.unplacedSites().isEmpty()) {
                        v = String.join("+", CompanyProfile.SITES.stream().filter(reading.unplacedSites()::contains).toList());
                    }
                }
                yield v;
            }
            case "company_type" -> p.companyType() != null ? companyType(p.companyType()) : UNSURE.matcher(n).find() ? "unknown" : option(q, n);
            case "segment" -> p.segment() != null ? p.segment() : UNSURE.matcher(n).find() ? "unknown" : option(q, n);
            case "employees" -> p.employees() != null ? Integer.toString(p.employees()) : number(n);
            case "sales" -> sales(text);
            default -> option(q, n);
        };
        if (value != null && value.startsWith("?")) {
            return new Understood(null, null, value.substring(1), null);
        }
        String elsewhere = reading.places().stream().filter(m -> m.region() != null && !m.inDaejeon()).map(PlaceMention::surface)
                .findFirst().orElse(null);
        return value == null ? Understood.NOTHING : new Understood(value, p, null, elsewhere);
    }

    /** The location answer a profile gives, or null. Sites in Daejeon first; another city is never a Daejeon site. */
    static String location(CompanyProfile p) {
        if (p.hasDaejeonSite()) {
            return String.join("+", CompanyProfile.SITES.stream().filter(p.daejeonSites()::contains).toList());
        }
        if (p.relocation() != null) {
            return "relocation_" + p.relocation();
        }
        if (p.daejeonSites() != null) {
            return "none"; // said: nothing in Daejeon
        }
        if (CompanyProfile.DAEJEON.equals(p.region())) {
            return "site";
        }
        if (p.region() != null || p.otherSites() != null) {
            return "none"; // "서울에 본사": the only place named is not Daejeon
        }
        return null;
    }

    private static String companyType(String type) {
        return type.equals("research_institute") || type.equals("university") ? "institution" : type;
    }

    private String fromProfile(EligibilityRules.Question q, CompanyProfile p) {
        return switch (q.id()) {
            case "location" -> location(p);
            case "company_type" -> p.companyType() == null ? null : companyType(p.companyType());
            case "segment" -> p.segment();
            case "employees" -> p.employees() == null ? null : Integer.toString(p.employees());
            case "sales" -> p.sales() == null ? null : Integer.toString(p.sales());
            default -> null;
        };
    }

    private static String option(EligibilityRules.Question q, String n) {
        String padded = " " + n + " ";
        for (EligibilityRules.Option o : q.options()) {
            if (o.match().stream().anyMatch(m -> padded.contains(m.length() <= 3 && m.chars().allMatch(c -> c < 128) ? " " + m + " " : m))) {
                return o.value();
            }
        }
        return null;
    }

    private static String number(String n) {
        Matcher m = ONLY_NUMBER.matcher(n);
        if (m.find()) {
            return Integer.toString(Integer.parseInt(m.group(1)));
        }
        return UNSURE.matcher(n).find() ? "unknown" : null;
    }

    /** Sales in 억 원 as an answer to the sales question ({@link Sales#of}), or "unknown"; null when not an answer. */
    static String sales(String text) {
        Integer eok = Sales.of(text);
        if (eok != null) {
            return Integer.toString(eok);
        }
        return UNSURE.matcher(TextNormalizer.normalize(text)).find() ? "unknown" : null;
    }

    static boolean looksLikeQuestion(String text) {
        String t = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
        return QUESTION.matcher(t).find();
    }

    /** "모름", "잘 모르겠어요", "not sure" — and not a question ("모르는데 뭐가 필요해요?"). */
    private static boolean isUnsure(String text) {
        return UNSURE.matcher(TextNormalizer.normalize(text)).find() && !looksLikeQuestion(text);
    }

    private static boolean isYes(String text) {
        String n = TextNormalizer.normalize(text);
        if (YES_WORDS.contains(n)) {
            return true;
        }
        String[] words = n.split(" ");
        // "네 맞아요", "yes that's right" — but not "네, 그런데 공장은 세종이에요", which is a correction.
        return YES_WORDS.contains(words[0]) && (words.length <= 3 || n.matches(".*(?:that s right|that is right|correct|exactly|맞아요|맞습니다|정확).*"))
                && !n.contains("아니") && !n.contains(" not") && !n.contains("그런데") && !n.contains(" but ") && !looksLikeQuestion(text);
    }

    /** What follows a "no" ("아니요, 공장은 세종이에요" → "공장은 세종이에요"); "" for a bare no; null when it is not a no. */
    private static String afterNo(String text) {
        if (matchesAny(text, NO_WORDS)) {
            return "";
        }
        String raw = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        String lower = raw.toLowerCase(Locale.ROOT);
        for (String w : NO_WORDS) {
            if (lower.startsWith(w) && lower.length() > w.length() && !Character.isLetterOrDigit(lower.charAt(w.length()))) {
                return raw.substring(w.length()).replaceAll("^[\\s,.!~]+", "");
            }
        }
        return null;
    }

    private static boolean matchesAny(String text, List<String> words) {
        return words.contains(TextNormalizer.normalize(text));
    }

    private static boolean matchesLabel(String text, LocalizedText label) {
        String t = TextNormalizer.normalize(text);
        return t.equals(TextNormalizer.normalize(label.ko())) || t.equals(TextNormalizer.normalize(label.en()));
    }

    // ---- the result ----

    /** The result; when it is open (no track "may fit", one for the office to confirm) it ends by offering a person. */
    private Step finished(EligibilityCheck done, Language language, Instant now) {
        Message result = result(done, language, now);
        java.util.Collection<Outcome> outcomes = outcomes(done).values();
        boolean open = !outcomes.contains(Outcome.MAY_FIT) && outcomes.stream().anyMatch(o -> o != Outcome.DOES_NOT_FIT);
        if (!open) {
            return new Step(done, List.of(result), true);
        }
        Message offered = bot(result.text() + "\n\n" + rules.message("person_offer", language), result.quickReplies(), now);
        return new Step(done, List.of(offered), true, false, true);
    }

    private Message result(EligibilityCheck check, Language language, Instant now) {
        StringBuilder b = new StringBuilder(rules.message("result_title", language)).append('\n');
        boolean anyChance = false;
        for (EligibilityRules.Track track : rules.tracks()) {
            Outcome outcome = track.outcome(check.answers());
            anyChance |= outcome != Outcome.DOES_NOT_FIT;
            b.append("• ").append(track.name().in(language)).append(": ").append(rules.message(outcome.messageKey(), language)).append('\n');
            for (EligibilityRules.Clause c : track.clauses()) {
                String answer = check.answers().get(c.question());
                Verdict v = c.verdict(answer);
                b.append("   ").append(mark(v)).append(' ').append(c.text().in(language)).append(source(c.source(), language)).append('\n');
                if (v == Verdict.ONLY_IF) {
                    b.append("      → ").append(c.onlyIf().get(answer).in(language)).append('\n');
                } else if (v == Verdict.FAIL && !c.onlyIf().isEmpty()) {
                    // Nothing in Daejeon is not the end: the public relocation clause is the way in.
                    LocalizedText clause = c.onlyIf().getOrDefault(RELOCATION_CONFIRMED, c.onlyIf().values().iterator().next());
                    b.append("      → ").append(rules.message("relocation_hint", language)).append(' ').append(clause.in(language)).append('\n');
                } else if (c.whyAsk(answer) != null) {
                    b.append("      → ").append(c.whyAsk(answer).in(language)).append('\n');
                }
            }
            EligibilityRules.Growth g = track.growth();
            if (g != null) {
                b.append("   ").append(mark(g.verdict(check.answers()))).append(' ').append(g.text().in(language)).append(source(g.source(), language))
                        .append('\n');
                if (g.exampleThresholds()) {
                    b.append("      ").append(rules.message("example_thresholds", language)).append('\n');
                }
                for (EligibilityRules.Clause r : g.requirements()) {
                    Verdict v = r.verdict(r.question().isEmpty() ? null : check.answers().get(r.question()));
                    b.append("      ").append(mark(v)).append(' ').append(r.text().in(language)).append('\n');
                }
            }
        }
        if (check.known().foundedYear() != null) {
            // No public rule depends on the company's age, but a year the company gave is said back, so a
            // misread one ("2019" taken from another number) can be corrected before it is relied on.
            b.append(rules.message("founded", language).replace("{year}", Integer.toString(check.known().foundedYear()))
                    .replace("{source}", rules.sources().get("call2026").in(language))).append('\n');
        }
        if (!anyChance) {
            b.append(rules.message("neither", language)).append('\n');
        }
        b.append(rules.message("disclaimer", language));
        List<String> replies = List.of(faq.handoffLabel(language), rules.restartLabel().in(language),
                faq.title("application_process", language));
        return bot(b.toString(), replies, now);
    }

    private String source(String key, Language language) {
        return key == null ? "" : " — " + rules.sources().get(key).in(language);
    }

    private static String mark(Verdict v) {
        return switch (v) {
            case PASS -> "✓";
            case FAIL -> "✗";
            case ASK -> "?";
            case ONLY_IF -> "△";
        };
    }

    private String describe(EligibilityRules.Question q, String value, Language language) {
        if (q.numeric()) {
            return value;
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split("\\+")) {
            parts.add(q.options().stream().filter(o -> o.value().equals(part)).findFirst().map(o -> o.label().in(language))
                    .orElseGet(() -> Echo.label(part, language)));
        }
        return String.join("·", parts);
    }

    private static Message bot(String text, List<String> quickReplies, Instant now) {
        return Message.bot(text, quickReplies, List.of(), now, INTENT);
    }
}
