package dev.continuo.engine.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void controlCharactersBecomeQuestionMarksAndLongTextIsCut() {
        assertEquals("a?[2Jb?c?d é", TerminalText.line("a\u001b[2Jb\nc\u0085d é", 20));
        assertEquals("abc…", TerminalText.line("abcdef", 3));
        assertEquals("abc", TerminalText.line("abc", 3));
    }
}
