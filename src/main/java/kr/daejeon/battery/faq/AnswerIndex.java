package kr.daejeon.battery.faq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import kr.daejeon.battery.nlu.Loanwords;
import kr.daejeon.battery.nlu.TextNormalizer;
import kr.daejeon.battery.profile.Gazetteer;

/**
 * Finds the answer that answers <em>this</em> question: ranked retrieval over the question
 * variants of every answer, restricted to the topics the classifier named.
 *
 * <p>Each variant is a Lucene document with two analysed fields: Korean morphemes from Nori (with
 * particles and endings dropped, English words stemmed) and character n-grams (Hangul bigrams of
 * the text with spaces removed, Latin trigrams), so "지원금 나중에 갚아야 돼요?" finds "지원금을
 * 상환해야 하나요?" through 지원금 and "갚아야 하나요" through the bigrams. BM25 ranks the candidates;
 * the reported {@link Match#similarity} is an idf-weighted cosine between the query's terms and the
 * best variant's, in [0, 1], so callers can tell "this answer fits" from "the topic is right but no
 * answer fits". Built once per content version; immutable and thread-safe afterwards.
 */
public final class AnswerIndex {

    /** The best answer for a query and how well it matched. */
    public record Match(Answer answer, double similarity, String variant) {
    }

    /** How much the answer's own text counts next to its questions: it names the facts users ask about. */
    static final double ANSWER_TEXT_WEIGHT = 0.6;
    /** The blend of the closest single variant and the answer as a whole (all variants pooled, plus its text). */
    static final double CLOSEST_VARIANT_SHARE = 0.3;

    private final Analyzer analyzer;
    private final Map<String, List<Entry>> byTopic;
    private final Map<String, Double> idf;
    private final double unseenIdf;

    private record Vector(Map<String, Double> weights, double norm) {
        static Vector of(Map<String, Double> w) {
            double n = 0;
            for (double v : w.values()) {
                n += v * v;
            }
            return new Vector(w, Math.sqrt(n));
        }

        double cosine(Vector q) {
            if (norm == 0 || q.norm == 0) {
                return 0;
            }
            Map<String, Double> small = weights.size() < q.weights.size() ? weights : q.weights;
            Map<String, Double> large = small == weights ? q.weights : weights;
            double dot = 0;
            for (Map.Entry<String, Double> e : small.entrySet()) {
                Double w = large.get(e.getKey());
                if (w != null) {
                    dot += w * e.getValue();
                }
            }
            return dot / (norm * q.norm);
        }
    }

    /** A question variant; {@code id} numbers its vector in the {@link Postings}. */
    private record Variant(String text, Vector vector, int id) {
    }

    private record Entry(Answer answer, List<Variant> variants, Vector pooled, int pooledId) {
    }

    /**
     * Every vector of the index (variants and pooled answers) by term: for a query, the dot products with all of them
     * come from the postings of the query's few terms, instead of a map look-up per query term in each of the
     * ~1,600 vectors (that was most of a turn's CPU in the load bench). The cosines are the same numbers.
     */
    private record Postings(Map<String, int[]> ids, Map<String, double[]> weights, double[] norms) {
        static Postings of(List<Vector> vectors) {
            Map<String, List<Integer>> acc = new HashMap<>();
            double[] norms = new double[vectors.size()];
            for (int i = 0; i < vectors.size(); i++) {
                norms[i] = vectors.get(i).norm();
                for (String term : vectors.get(i).weights().keySet()) {
                    acc.computeIfAbsent(term, k -> new ArrayList<>()).add(i);
                }
            }
            Map<String, int[]> ids = new HashMap<>();
            Map<String, double[]> weights = new HashMap<>();
            acc.forEach((t, list) -> {
                ids.put(t, list.stream().mapToInt(Integer::intValue).toArray());
                weights.put(t, list.stream().mapToDouble(i -> vectors.get(i).weights().get(t)).toArray());
            });
            return new Postings(Map.copyOf(ids), Map.copyOf(weights), norms);
        }

        /** The cosine of the query with every vector, by id (0 when they share no term). */
        double[] cosines(Vector q) {
            double[] dot = new double[norms.length];
            for (Map.Entry<String, Double> t : q.weights().entrySet()) {
                int[] at = ids.get(t.getKey());
                if (at == null) {
                    continue;
                }
                double[] w = weights.get(t.getKey());
                double qw = t.getValue();
                for (int i = 0; i < at.length; i++) {
                    dot[at[i]] += w[i] * qw;
                }
            }
            for (int i = 0; i < dot.length; i++) {
                dot[i] = norms[i] == 0 || q.norm() == 0 ? 0 : dot[i] / (norms[i] * q.norm());
            }
            return dot;
        }
    }

    private final Postings postings;
    /**
     * The last few query vectors of this thread: one turn ranks the same question several times (its topics, the rest
     * of the catalog, a rescue), and analysing it with Nori each time cost more than the ranking. A handful of slots,
     * so it is a per-turn saving, not a cache of the traffic.
     */
    private final ThreadLocal<LinkedHashMap<String, Vector>> recentQueries = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Vector> eldest) {
                    return size() > 4;
                }
            });

    private Vector queryVector(String prepared) {
        LinkedHashMap<String, Vector> recent = recentQueries.get();
        Vector q = recent.get(prepared);
        if (q == null) {
            Map<String, Double> w = new HashMap<>();
            for (String t : terms(analyzer, prepared)) {
                w.put(t, idf.getOrDefault(t, unseenIdf));
            }
            q = Vector.of(w);
            recent.put(prepared, q);
        }
        return q;
    }

    private AnswerIndex(Analyzer analyzer, Map<String, List<Entry>> byTopic, Map<String, Double> idf, double unseenIdf,
                        Postings postings) {
        this.analyzer = analyzer;
        this.byTopic = byTopic;
        this.idf = idf;
        this.unseenIdf = unseenIdf;
        this.postings = postings;
        this.subjectOwners = subjectOwners(byTopic);
    }

    /**
     * Matters a question can ask about under any topic ("선도기업 되면 돈 언제 들어와요?" asks about payment, whatever track
     * it names); each is answered under the one topic that holds it ({@link #subjectTopics}).
     */
    static final Set<String> SUBJECTS = Set.of("@paid", "@report");

    /** Subject → the topic whose answers ask about it, when one topic holds at least this share of them. */
    private static final double OWNER_SHARE = 2.0 / 3;

    private final Map<String, String> subjectOwners;

    /**
     * The topics that own a matter the question asks about (payment, reporting): those answers may lie outside the
     * topic the classifier is sure of, because the question also names a track or a step. Derived from the content
     * (the topic holding most answers whose questions ask about it), so moving an entry moves its owner.
     */
    public Set<String> subjectTopics(String question) {
        Set<String> out = new LinkedHashSet<>();
        concepts(question).stream().map(subjectOwners::get).filter(java.util.Objects::nonNull).forEach(out::add);
        return out;
    }

    private Map<String, String> subjectOwners(Map<String, List<Entry>> topics) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        topics.forEach((topic, entries) -> {
            for (Entry e : entries) {
                Set<String> asked = new java.util.HashSet<>();
                e.variants().forEach(v -> asked.addAll(concepts(v.text())));
                asked.stream().filter(SUBJECTS::contains).forEach(c -> counts.computeIfAbsent(c, k -> new HashMap<>()).merge(topic, 1, Integer::sum));
            }
        });
        Map<String, String> owners = new HashMap<>();
        counts.forEach((concept, byTopic) -> {
            int total = byTopic.values().stream().mapToInt(Integer::intValue).sum();
            byTopic.entrySet().stream().max(Map.Entry.comparingByValue())
                    .filter(best -> best.getValue() >= OWNER_SHARE * total)
                    .ifPresent(best -> owners.put(concept, best.getKey()));
        });
        return Map.copyOf(owners);
    }

    public static AnswerIndex build(Collection<Answer> answers) {
        Analyzer analyzer = analyzer();
        // Document frequencies over every question variant and answer text: a word that every question
        // shares ("지원", "신청") says little about which answer is meant.
        Map<Answer, List<Set<String>>> questionTerms = new LinkedHashMap<>();
        Map<Answer, Set<String>> answerTerms = new HashMap<>();
        Map<String, Integer> df = new HashMap<>();
        int docs = 0;
        for (Answer a : answers) {
            List<Set<String>> qs = new ArrayList<>();
            List<String> all = new ArrayList<>(a.questionsKo());
            all.addAll(a.questionsEn());
            for (String q : all) {
                Set<String> t = terms(analyzer, prepare(q));
                if (!t.isEmpty()) {
                    qs.add(t);
                    t.forEach(x -> df.merge(x, 1, Integer::sum));
                    docs++;
                }
            }
            questionTerms.put(a, qs);
            Set<String> at = terms(analyzer, prepare(stripPlaceholders(a.entry().answer().ko() + " " + a.entry().answer().en())));
            answerTerms.put(a, at);
        }
        int n = Math.max(1, docs);
        Map<String, Double> idf = new HashMap<>();
        df.forEach((t, f) -> idf.put(t, Math.log(1 + (n - f + 0.5) / (f + 0.5))));
        double unseen = Math.log(1 + (n + 0.5) / 0.5);
        Map<String, List<Entry>> byTopic = new HashMap<>();
        List<Vector> vectors = new ArrayList<>();
        for (Answer a : answers) {
            List<String> texts = new ArrayList<>(a.questionsKo());
            texts.addAll(a.questionsEn());
            List<Variant> variants = new ArrayList<>();
            Map<String, Double> pooled = new HashMap<>();
            List<Set<String>> qs = questionTerms.get(a);
            int qi = 0;
            for (String text : texts) {
                if (prepare(text).isEmpty()) {
                    continue;
                }
                Set<String> t = qs.get(qi++);
                Map<String, Double> w = new HashMap<>();
                for (String term : t) {
                    double v = idf.getOrDefault(term, unseen);
                    w.put(term, v);
                    pooled.merge(term, v, Double::sum);
                }
                Vector vector = Vector.of(w);
                variants.add(new Variant(text, vector, vectors.size()));
                vectors.add(vector);
            }
            for (String term : answerTerms.get(a)) {
                pooled.merge(term, ANSWER_TEXT_WEIGHT * idf.getOrDefault(term, unseen), Double::sum);
            }
            Vector all = Vector.of(pooled);
            byTopic.computeIfAbsent(a.topic(), k -> new ArrayList<>()).add(new Entry(a, variants, all, vectors.size()));
            vectors.add(all);
        }
        byTopic.replaceAll((k, v) -> List.copyOf(v));
        return new AnswerIndex(analyzer, Map.copyOf(byTopic), Map.copyOf(idf), unseen, Postings.of(vectors));
    }

    /**
     * The answers of {@code topics} ranked for {@code question}, best first; at most {@code limit}.
     * Empty when the question has no words.
     */
    public List<Match> rank(String question, Collection<String> topics, int limit) {
        return rank(question, topics, limit, null);
    }

    /** As {@link #rank(String, Collection, int)}, ignoring the variant {@code leaveOut} (leave-one-out evaluation). */
    public List<Match> rank(String question, Collection<String> topics, int limit, String leaveOut) {
        String text = prepare(question);
        if (text.isEmpty() || topics.isEmpty()) {
            return List.of();
        }
        Vector q = queryVector(text);
        if (q.weights().isEmpty()) {
            return List.of();
        }
        double[] cos = leaveOut == null ? postings.cosines(q) : null;
        List<Match> out = new ArrayList<>();
        for (String topic : topics) {
            for (Entry e : byTopic.getOrDefault(topic, List.of())) {
                double closest = 0;
                String via = null;
                for (Variant v : e.variants()) {
                    if (v.text().equals(leaveOut)) {
                        continue;
                    }
                    double s = cos != null ? cos[v.id()] : v.vector().cosine(q);
                    if (s > closest) {
                        closest = s;
                        via = v.text();
                    }
                }
                Vector pooled = e.pooled();
                if (leaveOut != null) {
                    pooled = without(e, leaveOut);
                }
                double whole = cos != null ? cos[e.pooledId()] : pooled.cosine(q);
                double sim = CLOSEST_VARIANT_SHARE * closest + (1 - CLOSEST_VARIANT_SHARE) * whole;
                out.add(new Match(e.answer(), sim, via));
            }
        }
        out.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    /**
     * True when the question asks about the topic in general ("선도기업이 뭐예요?", "tell me about the
     * training"): once the words of the topic's own general questions and the question words are
     * set aside, no word of substance is left ("원본 내야 해요?" has one: 원본).
     */
    public boolean isGeneral(String question, String topic) {
        return isGeneral(question, topic, Set.of());
    }

    /**
     * {@link #isGeneral(String, String)} with the given concepts, and their words, set aside too: "지금도 신청 가능해요?"
     * asks nothing but whether now, while "아직 매출이 없는 회사도 …" asks about a company without sales.
     */
    public boolean isGeneral(String question, String topic, Set<String> asideConcepts) {
        Set<String> general = new java.util.HashSet<>(GENERAL_WORDS);
        for (Entry e : byTopic.getOrDefault(topic, List.of())) {
            if (e.answer().isOverview()) {
                e.variants().forEach(v -> v.vector().weights().keySet().forEach(general::add));
            }
        }
        int substance = 0;
        String prepared = prepare(question);
        for (String t : nouns(prepared)) {
            if (!general.contains(t) && !asideConcepts.contains(CONCEPTS.getOrDefault(t, ""))) {
                substance++;
            }
        }
        // What is asked counts too: "얼마나 받을 수 있어요" has no noun, but asks for an amount, which the
        // topic's general questions ("지원 내용이 뭐예요?") do not.
        for (String t : terms(analyzer, prepared)) {
            if (t.startsWith("@") && !general.contains(t) && !asideConcepts.contains(t)) {
                substance++;
            }
        }
        return substance == 0;
    }

    /** A day the office is closed (weekend, holiday) is named. */
    public static final String DAY_OFF = "@weekend";
    /** Asking about now (지금, 아직, today, still). */
    public static final String NOW = "@now";
    /** Asking a way, a place, a time (now, too), a deadline, a document or a cost. */
    public static final Set<String> PARTICULARS = Set.of("@how", "@where", "@when", "@now", "@deadline", "@document", "@cost");

    /**
     * What the question asks, whatever the wording ({@link #DAY_OFF}, "@amount", …): the concepts of its terms, and
     * those a Korean word of a concept names inside a longer word (the analyser splits "토요일에도" as it likes).
     */
    public Set<String> concepts(String question) {
        String prepared = prepare(question);
        Set<String> out = new java.util.HashSet<>();
        terms(analyzer, prepared).stream().filter(t -> t.startsWith("@")).forEach(out::add);
        CONCEPTS.forEach((word, concept) -> {
            if (word.length() >= 2 && TextNormalizer.isHangul(word.charAt(0)) && prepared.contains(word)) {
                out.add(concept);
            }
        });
        return out;
    }

    /**
     * How much of what the question is about the answer knows: the idf-weighted share of the question's nouns
     * (general words such as "알려주세요" or "회사" set aside) that occur in the answer's question variants or its
     * text, in [0, 1]; 1 when the question has no such noun. A close score with low coverage is a look-alike:
     * "사업계획서 표절 검사도 하나요?" shares 사업계획서 with the business-plan answer but not 표절.
     */
    public double coverage(String question, Answer answer) {
        Entry entry = null;
        for (Entry e : byTopic.getOrDefault(answer.topic(), List.of())) {
            if (e.answer().id().equals(answer.id())) {
                entry = e;
            }
        }
        if (entry == null) {
            return 0;
        }
        double all = 0;
        double known = 0;
        for (String t : nouns(prepare(question))) {
            if (GENERAL_WORDS.contains(t)) {
                continue;
            }
            double w = idf.getOrDefault(t, unseenIdf);
            all += w;
            if (entry.pooled().weights().containsKey(t)) {
                known += w;
            }
        }
        return all == 0 ? 1 : known / all;
    }

    /**
     * True when every noun of the question occurs somewhere in the answers' questions: nothing in it is
     * foreign to the program ("전기차 보조금" shares "보조금 얼마 받을 수" with our answers, but not "전기차").
     */
    public boolean knowsEveryNoun(String question) {
        for (String t : nouns(prepare(question))) {
            if (!idf.containsKey(t)) {
                return false;
            }
        }
        return true;
    }

    /** The nouns (and foreign words) of prepared text, as the morpheme field spells them: what a question is about. */
    private Set<String> nouns(String prepared) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(MORPHEMES, prepared)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PartOfSpeechAttribute pos = ts.addAttribute(PartOfSpeechAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                org.apache.lucene.analysis.ko.POS.Tag tag = pos.getLeftPOS();
                String name = tag == null ? "" : tag.name();
                if (name.startsWith("NN") || name.equals("SL") || name.equals("SH") || name.equals("UNKNOWN")) {
                    out.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static final Set<String> GENERAL_WORDS = Set.of("알", "주", "궁금", "말", "설명", "안내", "정보", "뭐", "무엇", "어떻",
            "내용", "대하", "관하", "좀", "자세히", "what", "tell", "about", "me", "info", "inform", "explain", "the", "is", "ar",
            "please", "know", "like", "want", "detail", "more", "하", "되", "있", "없", "내", "받", "보", "가", "오", "싶", "해", "돼",
            "할", "수", "것", "거", "게", "요", "do", "doe", "can", "need", "get", "have", "i", "we", "our", "my", "you", "a", "an",
            "which", "how", "when", "where", "who", "list", "us", "there", "ani", "some", "thi", "that", "it", "for", "of", "to", "in",
            "목록", "종류", "전체", "전반", "관련", "부분", "경우", "방법", "무슨", "어떤", "우리", "저희", "회사", "기업", "이번");

    private Vector without(Entry e, String leaveOut) {
        Map<String, Double> pooled = new HashMap<>(e.pooled().weights());
        for (Variant v : e.variants()) {
            if (v.text().equals(leaveOut)) {
                v.vector().weights().forEach((t, x) -> pooled.merge(t, -x, Double::sum));
            }
        }
        pooled.values().removeIf(x -> x < 1e-9);
        return Vector.of(pooled);
    }

    private static String stripPlaceholders(String text) {
        return text.replaceAll("\\{[^}]*}", " ");
    }

    private static final String GRAM_MARK = "#";
    private static final Map<String, String> QUESTION_WORDS = Map.of("얼마", "@amount", "언제", "@when", "어디", "@where",
            "어떻게", "@how", "몇", "@count", "몇 시", "@when");
    /** The concept of a place named outside Daejeon. */
    static final String ELSEWHERE = "@elsewhere";
    private static final Map<String, String> CONCEPTS = concepts(
            "@amount", "얼마, 금액, 지원금, 규모, 액수, 최대, much, amount, fund, money, maximum",
            "@when", "언제, 기간, 날짜, 일정, 시기, 기한, when, date, period, schedul, time",
            "@deadline", "마감, 기한, 데드라인, 끝나, 종료, deadlin, close, cutoff, due, until, till",
            "@document", "서류, 문서, 자료, 증명서, 서식, 양식, document, paper, form, certif",
            "@how", "방법, 어떻게, 절차, 과정, 순서, how, process, procedur, step",
            "@who", "누구, 대상, 자격, 조건, 요건, who, elig, requir, qualifi",
            "@where", "어디, 위치, 주소, 장소, 사무실, where, locat, address, venu, offic",
            "@cost", "비용, 교육비, 수강료, 무료, 유료, 돈, 자부담, fee, cost, free, pai, pay, charg",
            "@phone", "전화, 연락처, 번호, 전화번호, phone, call, number, contact",
            "@mail", "이메일, 메일, 메일주소, email, mail",
            "@original", "원본, 사본, 스캔, 복사본, origin, copi, scan",
            "@repay", "상환, 갚, 반납, 환수, 대출, 융자, repai, repay, loan",
            "@result", "결과, 발표, 통보, 공지, result, announc, notifi, outcom",
            "@move", "이전, 이사, 옮기, 이주, relocat, move",
            "@count", "몇, 인원, 정원, 자리, 명수, seat, capac, mani",
            "@again", "다시, 재신청, 또, 재참여, again, reappli, previou",
            "@late", "늦, 지각, 지나, 놓치, late, miss, after",
            "@jobseeker", "구직자, 취준생, 취업준비생, 미취업자, 실업자, 취준, seeker, unemploi, jobless",
            "@student", "대학생, 학생, 졸업예정자, 대학원생, student, graduat",
            "@prefounder", "예비창업자, 예비창업, 창업전, founder, prefound",
            "@sole", "개인사업자, 자영업자, 자영업, 개인, sole, proprietor, freelanc",
            "@weekend", "주말, 토요일, 일요일, 공휴일, 휴일, 연휴, weekend, saturdai, sundai, holidai",
            "@now", "지금, 아직, 현재, 오늘, 여전히, still, now, today, todai, current, yet",
            "@differ", "차이, 차이점, 다르, 달라, 비교, 구분, differ, diff, compar, versu, vs",
            "@paid", "입금, 지급, 들어와, 들어오, 통장, 선지급, 후지급, paid, payout, disburs, reimburs",
            "@report", "보고서, 결과보고, 중간보고, 보고는, 정산, report, settl, oblig");

    private static Map<String, String> concepts(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            for (String w : pairs[i + 1].split(",\\s*")) {
                m.putIfAbsent(w.strip(), pairs[i]);
            }
        }
        return Map.copyOf(m);
    }
    private static final String MORPHEMES = "m";
    private static final String GRAMS = "g";

    /** The same normalisation the classifier sees, so both read "데드라인" as "마감"; contractions written out. */
    static String prepare(String text) {
        return ProgramThesaurus.words(Loanwords.canonical(EnglishContractions.expand(TextNormalizer.normalize(text))));
    }

    /** Hangul bigrams of each run with spaces removed, Latin trigrams with word boundaries. */
    static String grams(String prepared) {
        StringBuilder out = new StringBuilder();
        StringBuilder hangul = new StringBuilder();
        for (String token : prepared.split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            if (TextNormalizer.isHangul(token.charAt(0))) {
                hangul.append(token);
            } else {
                flushHangul(hangul, out);
                String w = "<" + token + ">";
                for (int i = 0; i + 3 <= w.length(); i++) {
                    out.append(w, i, i + 3).append(' ');
                }
            }
        }
        flushHangul(hangul, out);
        return out.toString();
    }

    private static void flushHangul(StringBuilder hangul, StringBuilder out) {
        for (int i = 0; i + 2 <= hangul.length(); i++) {
            out.append(hangul, i, i + 2).append(' ');
        }
        if (hangul.length() == 1) {
            out.append(hangul).append(' ');
        }
        hangul.setLength(0);
    }

    /** The analysed terms of prepared text in both fields; n-gram terms carry {@link #GRAM_MARK}. */
    private static Set<String> terms(Analyzer analyzer, String prepared) {
        Set<String> out = new LinkedHashSet<>();
        collect(analyzer, MORPHEMES, prepared, "", out);
        // What is asked, whatever the wording: "얼마", "금액" and "how much" all ask for an amount.
        List<String> concepts = new ArrayList<>();
        for (String t : out) {
            String c = CONCEPTS.get(t);
            if (c != null) {
                concepts.add(c);
            }
        }
        out.addAll(concepts);
        // Question words the part-of-speech filter drops as adverbs ("얼마나", "어떻게") still say what is asked.
        QUESTION_WORDS.forEach((word, concept) -> {
            if (prepared.contains(word)) {
                out.add(concept);
            }
        });
        // A place outside Daejeon ("부산에 있는데", "we're in busan") asks the location rule, whichever city it is:
        // the gazetteer knows them all, the variants name only a few.
        if (Gazetteer.shared().find(prepared).stream().anyMatch(p -> !p.inDaejeon() && !p.unresolved())) {
            out.add(ELSEWHERE);
        }
        collect(analyzer, GRAMS, grams(prepared), GRAM_MARK, out);
        return out;
    }

    private static void collect(Analyzer analyzer, String field, String text, String mark, Set<String> out) {
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(mark + (mark.isEmpty() ? ProgramThesaurus.term(term.toString()) : term.toString()));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Analyzer analyzer() {
        Analyzer morphemes = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new KoreanTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, null,
                        KoreanTokenizer.DecompoundMode.DISCARD, false, true);
                TokenStream stream = new KoreanPartOfSpeechStopFilter(tokenizer);
                stream = new LowerCaseFilter(stream);
                stream = new PorterStemFilter(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
        Analyzer grams = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new WhitespaceTokenizer();
                return new TokenStreamComponents(tokenizer, tokenizer);
            }
        };
        return new PerFieldAnalyzerWrapper(morphemes, Map.of(GRAMS, grams));
    }
}
