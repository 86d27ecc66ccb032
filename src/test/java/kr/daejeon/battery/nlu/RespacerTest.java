package kr.daejeon.battery.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RespacerTest {

    // Words as the training data spells them (the model's w= features).
    private final Respacer respacer = new Respacer(Set.of("신청", "마감", "언제", "선도기업", "지원금", "얼마", "안녕하세요",
            "교육", "단체로", "신청하는", "방법이", "있을까요", "인사팀입니다", "제조업체", "예요", "부품"));

    @Test
    void runTogetherHangulGetsItsSpacesBack() {
        assertEquals("신청 마감 언제에요", respacer.respace("신청마감언제에요")); // "에요" stays with the word before it
        assertEquals("선도기업 지원금 얼마?", respacer.respace("선도기업지원금얼마?"));
        assertEquals("안녕하세요 인사팀입니다.교육 단체로 신청하는 방법이 있을까요?",
                respacer.respace("안녕하세요인사팀입니다.교육단체로신청하는방법이있을까요?"));
        assertArrayEquals(new String[] {"선도기업", "지원금", "얼마요"},
                respacer.respace(new String[] {"선도기업지원금얼마요"}));
    }

    @Test
    void spacedTextShortRunsAndUnknownNamesAreLeftAlone() {
        String spaced = "신청 마감 언제예요?";
        assertSame(spaced, respacer.respace(spaced));
        String shortRun = "신청마감";   // under six syllables: one word with its particles as often as two
        assertSame(shortRun, respacer.respace(shortRun));
        String name = "한빛에너지솔루션";  // known words cover too little of it: a name is not chopped up
        assertSame(name, respacer.respace(name));
        String english = "when is the deadline";
        assertSame(english, respacer.respace(english));
        // In a spaced message a six-syllable word is one word with its ending, not two words.
        String sentence = "동구에서 부품 만드는 제조업체예요";
        assertSame(sentence, respacer.respace(sentence));
        String[] tokens = {"신청", "마감"};
        assertSame(tokens, respacer.respace(tokens));
    }
}
