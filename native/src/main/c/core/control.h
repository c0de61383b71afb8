/*
 * The engine's control socket, as the plug-in uses it: one request line per connection, one JSON line back.
 * Called on the core's background thread only (these block, with timeouts of about a second).
 *
 *   plugin-open NAME  →  {"ok":true,"session":"3","link":"/run/user/1000/continuo/plugin-3.link", ...}
 *   plugin-close ID   →  {"ok":true}
 */
#ifndef CONTINUO_CORE_CONTROL_H
#define CONTINUO_CORE_CONTROL_H

#include <stddef.h>

#define CONTINUO_CONTROL_REPLY_BYTES 4096u
#define CONTINUO_CONTROL_FIELD_BYTES 1024u

/*
 * $CONTINUO_SOCKET, else $XDG_RUNTIME_DIR/continuo/ctl.sock, else /tmp/continuo-$USER/ctl.sock (the engine's
 * ControlSocket). Returns 0 if it does not fit.
 */
int continuo_control_socket_path(char *path, size_t size);

/* Sends request plus a newline and reads the reply's first line (without the newline). Returns 0 on failure. */
int continuo_control_request(const char *socket_path, const char *request, char *reply, size_t size);

/* The fields of a plugin-open answer; session may be a JSON string or number. */
typedef struct continuo_open_reply {
    char session[CONTINUO_CONTROL_FIELD_BYTES];
    char link[CONTINUO_CONTROL_FIELD_BYTES];
} continuo_open_reply;

/* Returns 1 if reply has "ok":true and both "session" and "link"; a tiny scanner, not a JSON parser. */
int continuo_parse_open_reply(const char *reply, continuo_open_reply *out);

#endif
