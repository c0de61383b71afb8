package dev.continuo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuo.bridge.config.Platform;
import dev.continuo.bridge.service.UserServices;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The macOS package's postinstall script (which cannot run here) installs a LaunchAgent that parses as a property
 * list and starts the same command as the one {@code continuo service install} writes.
 */
class MacPackageScriptIT {

    private static final String APP_LAUNCHER = "/Applications/Continuo.app/Contents/MacOS/Continuo";

    @Test
    void postinstallWritesTheSameLaunchAgentAsServiceInstall() throws Exception {
        String script = Files.readString(Path.of("..", "installer", "src", "packaging", "macos", "resources",
                "postinstall"));
        String packaged = script.substring(script.indexOf("<?xml"), script.indexOf("PLIST\nchmod"));
        String perUser = UserServices.forPlatform(new Platform(Platform.Os.MAC, Path.of("/Users/ada"), Map.of()))
                .definition(Path.of(APP_LAUNCHER));
        assertEquals(programArguments(perUser), programArguments(packaged));
        assertEquals(List.of(APP_LAUNCHER, "serve", "--no-status"), programArguments(packaged));
        assertEquals(label(perUser), label(packaged));
    }

    private static Document parse(String plist) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(plist)));
    }

    private static List<String> programArguments(String plist) throws Exception {
        Element array = (Element) valueOf(parse(plist), "ProgramArguments");
        NodeList strings = array.getElementsByTagName("string");
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < strings.getLength(); i++) {
            arguments.add(strings.item(i).getTextContent());
        }
        return arguments;
    }

    private static String label(String plist) throws Exception {
        return valueOf(parse(plist), "Label").getTextContent();
    }

    /** The element after {@code <key>name</key>} in the top-level dict. */
    private static org.w3c.dom.Node valueOf(Document document, String name) {
        NodeList keys = document.getElementsByTagName("key");
        for (int i = 0; i < keys.getLength(); i++) {
            if (keys.item(i).getTextContent().equals(name)) {
                org.w3c.dom.Node next = keys.item(i).getNextSibling();
                while (next != null && next.getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) {
                    next = next.getNextSibling();
                }
                return next;
            }
        }
        throw new AssertionError("no key " + name);
    }
}
