/* The JS side of udp_batch: open, connect, port, recv, send, address, stats, close. */
#include "udp_batch.h"

#define CHECK(call)                                                                                  \
  do {                                                                                               \
    if ((call) != napi_ok) return napi_throw_error(env, NULL, "udp_batch: " #call " failed"), NULL;  \
  } while (0)

static napi_value throw_errno(napi_env env, const char *what, int err) {
  char msg[160];
  snprintf(msg, sizeof msg, "%s: %s", what, strerror(err));
  napi_value e, code, m;
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &m);
  napi_create_error(env, NULL, m, &e);
  napi_create_int32(env, -err, &code);
  napi_set_named_property(env, e, "errno", code);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
  const char *name = strerrorname_np(err); /* "EADDRINUSE", as Node's errors have in `code` */
  if (name && napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code) == napi_ok)
    napi_set_named_property(env, e, "code", code);
#endif
  napi_throw(env, e);
  return NULL;
}

/* Parses host:port for a socket of `family` (4|6) into ss; 0 for text that is not an IP literal. */
static socklen_t parse_host(napi_env env, int family, napi_value host_v, napi_value port_v, struct sockaddr_storage *ss) {
  char host[64];
  size_t hl;
  int32_t port;
  if (napi_get_value_string_utf8(env, host_v, host, sizeof host, &hl) != napi_ok) return 0;
  if (napi_get_value_int32(env, port_v, &port) != napi_ok) return 0;
  memset(ss, 0, sizeof *ss);
  if (family == 6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((uint16_t)port);
    return inet_pton(AF_INET6, host, &a->sin6_addr) == 1 ? sizeof *a : 0;
  }
  struct sockaddr_in *a = (struct sockaddr_in *)ss;
  a->sin_family = AF_INET;
  a->sin_port = htons((uint16_t)port);
  return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? sizeof *a : 0;
}

static sock_t *get_sock(napi_env env, napi_value v) {
  void *p = NULL;
  if (napi_get_value_external(env, v, &p) != napi_ok || !p) {
    napi_throw_type_error(env, NULL, "udp_batch: not a socket");
    return NULL;
  }
  sock_t *s = p;
  if (s->fd < 0) {
    napi_throw_error(env, "ERR_SOCKET_DGRAM_NOT_RUNNING", "udp_batch: socket is closed");
    return NULL;
  }
  return s;
}


/* The JS side holds the handle until close(); the uv handle is freed with it once libuv has closed it. */
static void on_gc(napi_env env, void *data, void *hint) {
  sock_t *s = data;
  s->collected = 1;
  if (s->uv_closed) free(s);
}

/* open(family 4|6, host, port, rcvbuf, sndbuf, onReadable) -> handle */
static napi_value js_open(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t family, rcv, snd;
  CHECK(napi_get_value_int32(env, argv[0], &family));
  CHECK(napi_get_value_int32(env, argv[3], &rcv));
  CHECK(napi_get_value_int32(env, argv[4], &snd));
  struct sockaddr_storage ss;
  socklen_t alen = parse_host(env, family, argv[1], argv[2], &ss);
  if (!alen) return throw_errno(env, "udp_batch: bad address", EINVAL);
  int fd = socket(family == 6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, "udp_batch: socket", errno);
  if (family == 6) {
    int off = 0; /* dual stack, as Node's udp6 sockets */
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
  }
  if (rcv > 0) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
  if (snd > 0) setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &snd, sizeof snd);
  if (bind(fd, (struct sockaddr *)&ss, alen) < 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, "udp_batch: bind", err);
  }
  sock_t *s = calloc(1, sizeof *s);
  s->fd = fd;
  s->family = family;
  s->env = env;
  uv_loop_t *loop;
  CHECK(napi_get_uv_event_loop(env, &loop));
  uv_poll_init(loop, &s->poll, fd);
  s->poll.data = s;
  napi_value handle, name, resource;
  CHECK(napi_create_external(env, s, on_gc, NULL, &handle));
  CHECK(napi_create_reference(env, argv[5], 1, &s->cb));
  CHECK(napi_create_object(env, &resource));
  CHECK(napi_create_reference(env, resource, 1, &s->resource));
  CHECK(napi_create_string_utf8(env, "UdpBatch", NAPI_AUTO_LENGTH, &name));
  CHECK(napi_async_init(env, resource, name, &s->ctx));
  set_events(s, UV_READABLE);
  return handle;
}

/* connect(handle, host, port): the upstream side; the kernel then drops datagrams from anyone else. */
static napi_value js_connect(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  sock_t *s = get_sock(env, argv[0]);
  if (!s) return NULL;
  struct sockaddr_storage ss;
  socklen_t alen = parse_host(env, s->family, argv[1], argv[2], &ss);
  if (!alen) return throw_errno(env, "udp_batch: bad address", EINVAL);
  if (connect(s->fd, (struct sockaddr *)&ss, alen) < 0) return throw_errno(env, "udp_batch: connect", errno);
  return NULL;
}

/* port(handle) -> the bound local port */
static napi_value js_port(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  sock_t *s = get_sock(env, argv[0]);
  if (!s) return NULL;
  struct sockaddr_storage ss;
  socklen_t alen = sizeof ss;
  if (getsockname(s->fd, (struct sockaddr *)&ss, &alen) < 0) return throw_errno(env, "udp_batch: getsockname", errno);
  int32_t m[META];
  from_addr(&ss, m);
  CHECK(napi_create_int32(env, m[0], &out));
  return out;
}

static int get_buffers(napi_env env, napi_value b, napi_value m, char **buf, size_t *blen, int32_t **meta, size_t *mlen) {
  void *data;
  if (napi_get_buffer_info(env, b, &data, blen) != napi_ok) return 0;
  *buf = data;
  napi_typedarray_type t;
  napi_value ab;
  size_t off;
  if (napi_get_typedarray_info(env, m, &t, mlen, &data, &ab, &off) != napi_ok || t != napi_int32_array) return 0;
  *meta = data;
  return 1;
}

/*
 * recv(handle, buf, meta, slot, max) -> count. Datagram i lands at buf[i * slot]; meta[i * 9 ..] holds its
 * length, port, family (4|6), address words (host order, 4 of them), IPv6 scope id and whether it was cut to
 * fit the slot.
 */
static napi_value js_recv(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5], out;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  sock_t *s = get_sock(env, argv[0]);
  if (!s) return NULL;
  char *buf;
  int32_t *meta;
  size_t blen, mlen;
  int32_t slot, max;
  if (!get_buffers(env, argv[1], argv[2], &buf, &blen, &meta, &mlen)) {
    napi_throw_type_error(env, NULL, "udp_batch: recv(handle, Buffer, Int32Array, slot, max)");
    return NULL;
  }
  CHECK(napi_get_value_int32(env, argv[3], &slot));
  CHECK(napi_get_value_int32(env, argv[4], &max));
  if (max > MAX_BATCH) max = MAX_BATCH;
  if (slot <= 0 || (size_t)slot * max > blen) max = slot > 0 ? (int32_t)(blen / slot) : 0;
  if ((size_t)max * META > mlen) max = (int32_t)(mlen / META);
  struct mmsghdr msgs[MAX_BATCH];
  struct iovec iov[MAX_BATCH];
  struct sockaddr_storage addrs[MAX_BATCH];
  memset(msgs, 0, sizeof(struct mmsghdr) * max);
  for (int i = 0; i < max; i++) {
    iov[i].iov_base = buf + (size_t)i * slot;
    iov[i].iov_len = slot;
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    msgs[i].msg_hdr.msg_name = &addrs[i];
    msgs[i].msg_hdr.msg_namelen = sizeof addrs[i];
  }
  int n = -1;
  for (int tries = 0; tries < 4 && n < 0; tries++) {
    n = max > 0 ? recvmmsg(s->fd, msgs, max, MSG_DONTWAIT, NULL) : 0;
    /* An ICMP error reported on a connected socket (ECONNREFUSED) is consumed by this call: read again. */
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) n = 0;
  }
  if (n < 0) n = 0;
  for (int i = 0; i < n; i++) {
    int32_t *m = meta + i * META;
    m[0] = (int32_t)msgs[i].msg_len;
    from_addr(&addrs[i], m + 1);
    m[8] = (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) ? 1 : 0;
  }
  CHECK(napi_create_int32(env, n, &out));
  return out;
}

/*
 * send(handle, buf, meta, count) -> messages queued for later (0 when all went out now). Message i is
 * buf[meta[i*9] .. + meta[i*9+1]] to port meta[i*9+2], family meta[i*9+3] (0: the connected peer), address
 * words meta[i*9+4 ..], scope id meta[i*9+8].
 */
static napi_value js_send(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4], out;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  sock_t *s = get_sock(env, argv[0]);
  if (!s) return NULL;
  char *buf;
  int32_t *meta;
  size_t blen, mlen;
  int32_t count;
  if (!get_buffers(env, argv[1], argv[2], &buf, &blen, &meta, &mlen)) {
    napi_throw_type_error(env, NULL, "udp_batch: send(handle, Buffer, Int32Array, count)");
    return NULL;
  }
  CHECK(napi_get_value_int32(env, argv[3], &count));
  if (count < 0 || (size_t)count * META > mlen) count = (int32_t)(mlen / META);
  int i = 0;
  while (i < count && !s->qhead) {
    struct mmsghdr msgs[MAX_BATCH];
    struct iovec iov[MAX_BATCH];
    struct sockaddr_storage addrs[MAX_BATCH];
    int n = 0;
    for (; n < MAX_BATCH && i + n < count; n++) {
      const int32_t *m = meta + (i + n) * META;
      uint32_t off = (uint32_t)m[0], len = (uint32_t)m[1];
      if ((size_t)off + len > blen) len = off > blen ? 0 : (uint32_t)(blen - off);
      iov[n].iov_base = buf + off;
      iov[n].iov_len = len;
      memset(&msgs[n], 0, sizeof msgs[n]);
      msgs[n].msg_hdr.msg_iov = &iov[n];
      msgs[n].msg_hdr.msg_iovlen = 1;
      socklen_t alen = to_addr(m + 2, &addrs[n]);
      msgs[n].msg_hdr.msg_name = alen ? &addrs[n] : NULL;
      msgs[n].msg_hdr.msg_namelen = alen;
    }
    int sent = sendmmsg(s->fd, msgs, n, MSG_DONTWAIT);
    if (sent < 0) {
      if (transient(errno)) break;
      sent = 1; /* that one message failed for good (unreachable, refused): the rest still go */
      s->send_errors++;
    }
    i += sent;
  }
  int32_t queued = 0;
  for (; i < count; i++, queued++) {
    const int32_t *m = meta + i * META;
    uint32_t off = (uint32_t)m[0], len = (uint32_t)m[1];
    if ((size_t)off + len > blen) continue;
    struct sockaddr_storage ss;
    socklen_t alen = to_addr(m + 2, &ss);
    enqueue(s, buf + off, len, &ss, alen);
  }
  if (s->qhead) set_events(s, UV_READABLE | UV_WRITABLE);
  CHECK(napi_create_int32(env, queued, &out));
  return out;
}

/* address(meta, index) -> the source address of message `index` as text (Node's own spelling). */
static napi_value js_address(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], out;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  napi_typedarray_type t;
  size_t mlen, off;
  void *data;
  napi_value ab;
  int32_t index;
  CHECK(napi_get_typedarray_info(env, argv[0], &t, &mlen, &data, &ab, &off));
  CHECK(napi_get_value_int32(env, argv[1], &index));
  if (t != napi_int32_array || index < 0 || (size_t)(index + 1) * META > mlen) {
    napi_throw_range_error(env, NULL, "udp_batch: address(Int32Array, index)");
    return NULL;
  }
  const int32_t *m = (const int32_t *)data + index * META + 1;
  struct sockaddr_storage ss;
  char text[INET6_ADDRSTRLEN + IF_NAMESIZE + 1] = "";
  if (to_addr(m, &ss)) {
    if (m[1] == 4) inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, text, sizeof text);
    else inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, text, sizeof text);
    if (m[1] == 6 && m[6]) { /* "fe80::1%eth0", as Node spells a scoped address */
      char ifname[IF_NAMESIZE];
      size_t at = strlen(text);
      if (if_indextoname((unsigned)m[6], ifname)) snprintf(text + at, sizeof text - at, "%%%s", ifname);
      else snprintf(text + at, sizeof text - at, "%%%d", m[6]);
    }
  }
  CHECK(napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &out));
  return out;
}

/* stats(handle) -> [queued, sendErrors] */
static napi_value js_stats(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out, v;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  sock_t *s = get_sock(env, argv[0]);
  if (!s) return NULL;
  CHECK(napi_create_array_with_length(env, 2, &out));
  CHECK(napi_create_uint32(env, s->queued, &v));
  CHECK(napi_set_element(env, out, 0, v));
  CHECK(napi_create_double(env, s->send_errors, &v));
  CHECK(napi_set_element(env, out, 1, v));
  return out;
}

static napi_value js_close(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  void *p = NULL;
  if (napi_get_value_external(env, argv[0], &p) == napi_ok && p) sock_close(p);
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
    {"open", NULL, js_open, NULL, NULL, NULL, napi_default, NULL},
    {"connect", NULL, js_connect, NULL, NULL, NULL, napi_default, NULL},
    {"port", NULL, js_port, NULL, NULL, NULL, napi_default, NULL},
    {"recv", NULL, js_recv, NULL, NULL, NULL, napi_default, NULL},
    {"send", NULL, js_send, NULL, NULL, NULL, napi_default, NULL},
    {"address", NULL, js_address, NULL, NULL, NULL, napi_default, NULL},
    {"stats", NULL, js_stats, NULL, NULL, NULL, napi_default, NULL},
    {"close", NULL, js_close, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
