/*
 * udp_batch: a UDP socket read and written in batches (Linux recvmmsg/sendmmsg), watched with uv_poll on
 * Node's own event loop. One JS callback per readable event; JS pulls up to MAX_BATCH datagrams per call into
 * one buffer with an Int32Array of metadata, and hands answers back the same way, sent with one sendmmsg.
 * Sends that meet a full socket buffer (EAGAIN) are queued here and flushed when the socket is writable:
 * nothing is dropped for backpressure, up to MAX_QUEUED_BYTES; beyond that a socket that is not draining
 * drops (and counts as send errors) what it cannot hold, so memory stays bounded under a flood.
 */
#pragma once
#define _GNU_SOURCE
#define NAPI_VERSION 8
#include <node_api.h>
#include <uv.h>
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_BATCH 64
/* At most this many bytes of answers wait for a full socket (a few thousand answers). */
#define MAX_QUEUED_BYTES (8u << 20)
/* Int32 slots per message in the metadata arrays. */
#define META 9

typedef struct qmsg {
  struct qmsg *next;
  struct sockaddr_storage addr;
  socklen_t alen;
  uint32_t len;
  char data[];
} qmsg_t;

typedef struct {
  int fd;
  int family;
  int events;
  int closing;
  int uv_closed, collected;
  uv_poll_t poll;
  napi_env env;
  napi_ref cb;
  napi_async_context ctx;
  napi_ref resource;
  qmsg_t *qhead, *qtail;
  uint32_t queued;
  size_t queued_bytes;
  double send_errors;
} sock_t;

void set_events(sock_t *s, int events);
socklen_t to_addr(const int32_t *m, struct sockaddr_storage *ss);
void from_addr(const struct sockaddr_storage *ss, int32_t *m);
int transient(int err);
void flush_queue(sock_t *s);
void enqueue(sock_t *s, const char *data, uint32_t len, const struct sockaddr_storage *ss, socklen_t alen);
void sock_close(sock_t *s);
