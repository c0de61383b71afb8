package dev.continuo.bridge.studio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request over a plain socket, headers exactly as given: {@code java.net.http} will not send a
 * foreign {@code Host} or a WebSocket upgrade, which is what these tests must send. The answer is read up to
 * its Content-Length (or to the end when it has none), so a connection kept open does not hang the test.
 */
final class RawHttp {

    /** The status code and the body of the answer. */
    record Answer(int status, String headers, String body) {
    }

    private RawHttp() {
    }

    static Answer send(int port, String requestLineAndHeaders, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String connection = requestLineAndHeaders.contains("\r\nConnection:") ? "" : "\r\nConnection: close";
            String head = requestLineAndHeaders + "\r\nContent-Length: " + body.length + connection + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder headers = new StringBuilder();
            while (headers.indexOf("\r\n\r\n") < 0) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("the answer ended in its headers: " + headers);
                }
                headers.append((char) next);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                    .matcher(headers);
            String answerBody = new String(length.find() ? in.readNBytes(Integer.parseInt(length.group(1)))
                    : in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(headers.substring(9, 12)), headers.toString().strip(), answerBody);
        }
    }

    static Answer get(int port, String path, String... headers) throws IOException {
        return send(port, "GET " + path + " HTTP/1.1\r\n" + String.join("\r\n", headers), new byte[0]);
    }
}
