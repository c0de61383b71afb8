package dev.continuo.bridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code continuo --version}: the version and the git commit the build came from (written at build time). */
final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/dev/continuo/bridge/version.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        }
        String commit = known(properties.getProperty("commit"));
        boolean dirty = "true".equals(properties.getProperty("dirty"));
        return new String[] {"Continuo " + known(properties.getProperty("version")) + " (commit " + commit
                + (dirty ? ", with uncommitted changes" : "") + ")"};
    }

    /** Unfiltered placeholders (a build without git) read as "unknown". */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
