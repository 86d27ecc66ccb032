package kr.daejeon.battery.eval;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import kr.daejeon.battery.nlu.Language;

/**
 * How battery companies really open a message: a greeting, who they are (district, value-chain
 * segment, size), sometimes why they write. None of them asks anything, so prefixing one must not
 * change the intent of the question that follows. Part of the tool, not of a data set: changing
 * the list changes the "openers" numbers, so it is kept stable.
 */
public final class Openers {

    public static final List<String> KO = List.of(
            "안녕하세요. 저희는 서구에 있는 음극재 업체인데요, ",
            "안녕하세요, 유성구에서 양극재 소재를 만드는 중소기업입니다. ",
            "안녕하십니까. 대덕구 소재 이차전지 장비 제조업체 생산관리팀 과장입니다. ",
            "수고 많으십니다. 저희 회사는 분리막 코팅 전문 기업이에요. ",
            "안녕하세요~ 대전에서 배터리 팩 조립하는 회사입니다. ",
            "안녕하세요. 전해액 첨가제를 개발하는 스타트업 대표입니다. 직원은 12명이고요, ",
            "문의드립니다. 저희는 폐배터리 재활용 업체이고 작년에 대전으로 이전했습니다. ",
            "안녕하세요 담당자님, 중구에 있는 BMS 개발 회사 연구소장입니다. ",
            "반갑습니다. ESS용 배터리 모듈을 생산하는 업체에서 연락드려요. ",
            "안녕하세요. 2019년에 설립한 셀 검사장비 기업입니다. ",
            "안녕하세요, 대덕특구 입주기업이고 이차전지 소재 분석 서비스를 하고 있습니다. ",
            "좋은 아침입니다. 동구에서 배터리 부품 가공하는 제조업체예요. ",
            "안녕하세요. 이차전지 지원사업 공고 보고 연락드립니다. 저희는 음극 바인더를 만듭니다. ",
            "안녕하세요, 저는 유성구 스타트업에서 사업계획서 담당하고 있는 사원입니다. ",
            "처음 문의드려요. 저희는 리튬이온 배터리 리사이클링 설비 만드는 회사입니다. ",
            "안녕하세요. 양극 활물질 제조 중견기업 인사팀입니다. ",
            "바쁘신데 죄송합니다. 대전 서구 소재 이차전지 제조장비 업체입니다. ",
            "안녕하세요! 저희는 직원 30명 규모의 전고체 전지 연구 기업이에요. ");

    public static final List<String> EN = List.of(
            "Hello, I'm calling from a cell maker in Daejeon. ",
            "Hi there. We are a cathode materials company based in Yuseong-gu. ",
            "Good morning. I work for a small anode material supplier in Seo-gu. ",
            "Hello, I'm the operations manager at a battery equipment manufacturer in Daedeok-gu. ",
            "Hi, we're a startup developing electrolyte additives, about 12 employees. ",
            "Dear team, I am writing on behalf of a battery recycling company that moved to Daejeon last year. ",
            "Hello. Our company makes separator coatings for lithium-ion batteries. ",
            "Hi! I'm with a BMS software firm in Jung-gu. ",
            "Good afternoon, I represent an ESS module manufacturer. ",
            "Hello, we are a battery pack assembler founded in 2019. ",
            "Hi, I'm the CEO of a solid-state battery startup in Daedeok Innopolis. ",
            "Greetings from a secondary battery parts supplier in Dong-gu. ",
            "Hello, I saw your support program announcement. We make anode binders. ",
            "Hi, I handle business planning at a small battery testing equipment company. ",
            "Hello there, we are a mid-sized cathode active material producer. ",
            "Sorry to bother you. I'm from a cell inspection equipment maker in Daejeon. ",
            "Hi team, our firm recycles spent EV batteries and has 30 staff. ");

    /** A greeting or a self-introduction at the start of the first sentence (before any question mark). */
    private static final Pattern KO_OPENING = Pattern.compile("^(안녕|반갑|수고|처음 문의|문의드|문의 드|바쁘신|좋은 (아침|오후)"
            + "|저희는|저희 회사는|저는|담당자님)|(회사|업체|기업|스타트업|법인|연구소)(입니다|인데요|이에요|예요|이고요)"
            + "|(대표|직원|과장|팀장|대리|사원|책임|담당자|소장)(입니다|인데요|이에요|예요)");
    private static final Pattern EN_OPENING = Pattern.compile("^(hello|hi\\b|hey\\b|good (morning|afternoon|evening)|dear\\b"
            + "|greetings|sorry to bother|we are|we're|i am|i'm|my name|our (company|firm|team))"
            + "|\\b(i'm|i am|we are|we're) (calling|writing|from|with)\\b", Pattern.CASE_INSENSITIVE);

    private Openers() {
    }

    /**
     * Whether the message already opens with a greeting or says who is writing; another opener in
     * front of it ("안녕하세요. … 안녕하세요, 저희는 …") is not how anyone writes.
     */
    public static boolean opensWithOne(String text, Language language) {
        String head = text.strip();
        int question = head.indexOf('?');
        if (question >= 0) {
            head = head.substring(0, question);
        }
        return (language == Language.KO ? KO_OPENING : EN_OPENING).matcher(head).find();
    }

    public static List<String> of(Language language) {
        return language == Language.KO ? KO : EN;
    }

    /** One opener, chosen by {@code random} (seeded by the caller, so a run can be repeated). */
    public static String pick(Language language, Random random) {
        List<String> list = of(language);
        return list.get(random.nextInt(list.size()));
    }
}
