/* The socket side of udp_batch: polling, addresses, the send queue, closing. */
#include "udp_batch.h"

static void on_poll(uv_poll_t *h, int status, int events);

void set_events(sock_t *s, int events) {
  if (s->closing || events == s->events) return;
  s->events = events;
  uv_poll_start(&s->poll, events, on_poll);
}

/* Fills a sockaddr from metadata (port, family, four host-order words, IPv6 scope id). */
socklen_t to_addr(const int32_t *m, struct sockaddr_storage *ss) {
  memset(ss, 0, sizeof *ss);
  if (m[1] == 4) {
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)m[0]);
    a->sin_addr.s_addr = htonl((uint32_t)m[2]);
    return sizeof *a;
  }
  if (m[1] == 6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((uint16_t)m[0]);
    for (int i = 0; i < 4; i++) {
      uint32_t w = htonl((uint32_t)m[2 + i]);
      memcpy(&a->sin6_addr.s6_addr[4 * i], &w, 4);
    }
    a->sin6_scope_id = (uint32_t)m[6]; /* a link-local sender is answered on its own interface */
    return sizeof *a;
  }
  return 0; /* connected socket: no address */
}

/* Writes port, family, the address words (host order) and the IPv6 scope id of a sockaddr into metadata. */
void from_addr(const struct sockaddr_storage *ss, int32_t *m) {
  m[2] = m[3] = m[4] = m[5] = m[6] = 0;
  if (ss->ss_family == AF_INET) {
    const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
    m[0] = ntohs(a->sin_port);
    m[1] = 4;
    m[2] = (int32_t)ntohl(a->sin_addr.s_addr);
  } else if (ss->ss_family == AF_INET6) {
    const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
    m[0] = ntohs(a->sin6_port);
    m[1] = 6;
    for (int i = 0; i < 4; i++) {
      uint32_t w;
      memcpy(&w, &a->sin6_addr.s6_addr[4 * i], 4);
      m[2 + i] = (int32_t)ntohl(w);
    }
    m[6] = (int32_t)a->sin6_scope_id;
  } else {
    m[0] = m[1] = 0;
  }
}

int transient(int err) { return err == EAGAIN || err == EWOULDBLOCK || err == ENOBUFS || err == EINTR; }

/* Sends the queue, in order, until it is empty or the socket is full again. */
void flush_queue(sock_t *s) {
  while (s->qhead) {
    struct mmsghdr msgs[MAX_BATCH];
    struct iovec iov[MAX_BATCH];
    int n = 0;
    for (qmsg_t *q = s->qhead; q && n < MAX_BATCH; q = q->next, n++) {
      iov[n].iov_base = q->data;
      iov[n].iov_len = q->len;
      memset(&msgs[n], 0, sizeof msgs[n]);
      msgs[n].msg_hdr.msg_iov = &iov[n];
      msgs[n].msg_hdr.msg_iovlen = 1;
      msgs[n].msg_hdr.msg_name = q->alen ? &q->addr : NULL;
      msgs[n].msg_hdr.msg_namelen = q->alen;
    }
    int sent = sendmmsg(s->fd, msgs, n, MSG_DONTWAIT);
    if (sent < 0) {
      if (transient(errno)) break;
      sent = 1; /* this message cannot be sent (e.g. ECONNREFUSED): drop it, keep the rest */
      s->send_errors++;
    }
    for (int i = 0; i < sent; i++) {
      qmsg_t *q = s->qhead;
      s->qhead = q->next;
      s->queued_bytes -= q->len;
      free(q);
      s->queued--;
    }
  }
  if (!s->qhead) s->qtail = NULL;
  set_events(s, UV_READABLE | (s->qhead ? UV_WRITABLE : 0));
}

void enqueue(sock_t *s, const char *data, uint32_t len, const struct sockaddr_storage *ss, socklen_t alen) {
  qmsg_t *q = s->queued_bytes + len > MAX_QUEUED_BYTES ? NULL : malloc(sizeof *q + len);
  if (!q) {
    s->send_errors++;
    return;
  }
  q->next = NULL;
  q->alen = alen;
  if (alen) memcpy(&q->addr, ss, alen);
  q->len = len;
  memcpy(q->data, data, len);
  if (s->qtail) s->qtail->next = q;
  else s->qhead = q;
  s->qtail = q;
  s->queued++;
  s->queued_bytes += len;
}

static void on_poll(uv_poll_t *h, int status, int events) {
  sock_t *s = h->data;
  if (s->closing) return;
  if (status < 0) {
    /* A pending socket error (an ICMP port unreachable on a connected socket shows as POLLERR): libuv has
     * stopped the poll. Read the error, which clears it, poll again, and let JS read what is there. */
    int err, ev = s->events;
    socklen_t len = sizeof err;
    getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    s->events = 0;
    set_events(s, ev);
    events = UV_READABLE | (ev & UV_WRITABLE);
  }
  if (events & UV_WRITABLE) flush_queue(s);
  if (!(events & UV_READABLE)) return;
  napi_env env = s->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  napi_value cb, recv, result;
  napi_get_reference_value(env, s->cb, &cb);
  napi_get_reference_value(env, s->resource, &recv);
  if (napi_make_callback(env, s->ctx, recv, cb, 0, NULL, &result) == napi_pending_exception) {
    napi_value err;
    napi_get_and_clear_last_exception(env, &err);
    napi_fatal_exception(env, err);
  }
  napi_close_handle_scope(env, scope);
}

/* libuv is done with the handle: the memory goes once JS has let go of it too. */
static void on_closed(uv_handle_t *h) {
  sock_t *s = h->data;
  s->uv_closed = 1;
  if (s->collected) free(s);
}

void sock_close(sock_t *s) {
  if (s->closing) return;
  s->closing = 1;
  while (s->qhead) {
    qmsg_t *q = s->qhead;
    s->qhead = q->next;
    free(q);
  }
  s->qtail = NULL;
  napi_delete_reference(s->env, s->cb);
  napi_delete_reference(s->env, s->resource);
  napi_async_destroy(s->env, s->ctx);
  uv_poll_stop(&s->poll);
  uv_close((uv_handle_t *)&s->poll, on_closed);
  /* uv_close has dropped the descriptor from the loop: close it now, so that its port is free at once. */
  close(s->fd);
  s->fd = -1;
}
