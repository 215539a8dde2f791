/*
 * seal(key, plaintext, aad): AES-256-GCM in Harbour's v1 format, "v1." + base64url(iv(12) | tag(16) | ct),
 * exactly as apps/server/src/lib/crypto.ts writes it with node:crypto, through the OpenSSL that Node itself
 * carries and exports (no library of our own). Node's Cipheriv makes a new cipher context for every IV; here
 * each thread (each napi_env: the main thread and every worker) keeps one EVP_CIPHER_CTX, keyed again only when
 * the key changes, and re-initialised with a fresh random IV for every seal. IVs come from OpenSSL's CSPRNG
 * (RAND_bytes, what crypto.randomBytes uses) 4,092 bytes at a time; each 12 bytes are used once.
 */
#include <node_api.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#define KEY_LEN 32
#define IV_LEN 12
#define TAG_LEN 16
#define HEAD (IV_LEN + TAG_LEN)
#define POOL (IV_LEN * 341)

typedef struct {
  EVP_CIPHER_CTX *ctx;
  unsigned char key[KEY_LEN];
  int keyed;
  unsigned char pool[POOL];
  size_t at;
  /* Scratch, grown as needed: the plaintext and the associated data (as UTF-8), the raw sealed bytes, the text. */
  unsigned char *pt, *aad, *raw;
  char *text;
  size_t pt_cap, aad_cap, raw_cap, text_cap;
} state_t;

static void *grow(void **p, size_t *cap, size_t need) {
  if (need <= *cap) return *p;
  size_t n = *cap ? *cap : 1024;
  while (n < need) n *= 2;
  void *q = realloc(*p, n);
  if (!q) return NULL;
  *p = q;
  *cap = n;
  return q;
}

static void on_teardown(napi_env env, void *data, void *hint) {
  state_t *s = data;
  EVP_CIPHER_CTX_free(s->ctx); /* clears the key schedule */
  OPENSSL_cleanse(s->key, KEY_LEN);
  OPENSSL_cleanse(s->pool, POOL);
  if (s->pt) OPENSSL_cleanse(s->pt, s->pt_cap);
  free(s->pt);
  free(s->aad);
  free(s->raw);
  free(s->text);
  free(s);
}

static napi_value fail(napi_env env, const char *msg) {
  napi_throw_error(env, NULL, msg);
  return NULL;
}

/* A string's UTF-8 (lone surrogates as U+FFFD, as Buffer.from does) or a Uint8Array's bytes, into *buf. */
static int bytes_of(napi_env env, napi_value v, unsigned char **buf, size_t *cap, const unsigned char **out,
                    size_t *len) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) return 0;
  if (t == napi_string) {
    size_t n = 0;
    if (!grow((void **)buf, cap, 1024)) return 0;
    if (napi_get_value_string_utf8(env, v, (char *)*buf, *cap, &n) != napi_ok) return 0;
    /* Complete unless it came within one character (4 bytes) of the end: then measure and read again. */
    if (n + 5 > *cap) {
      if (napi_get_value_string_utf8(env, v, NULL, 0, &n) != napi_ok) return 0;
      if (!grow((void **)buf, cap, n + 1)) return 0;
      if (napi_get_value_string_utf8(env, v, (char *)*buf, *cap, &n) != napi_ok) return 0;
    }
    *out = *buf;
    *len = n;
    return 1;
  }
  bool is_ta = false;
  if (napi_is_typedarray(env, v, &is_ta) != napi_ok || !is_ta) return 0;
  napi_typedarray_type tt;
  size_t count, offset;
  void *data;
  napi_value ab;
  if (napi_get_typedarray_info(env, v, &tt, &count, &data, &ab, &offset) != napi_ok) return 0;
  if (tt != napi_uint8_array) return 0;
  *out = data ? data : (const unsigned char *)"";
  *len = count;
  return 1;
}

static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* base64url without padding, as Buffer's 'base64url' writes it; returns the length written. */
static size_t b64url(const unsigned char *in, size_t n, char *out) {
  char *o = out;
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
    *o++ = B64URL[v >> 18];
    *o++ = B64URL[(v >> 12) & 63];
    *o++ = B64URL[(v >> 6) & 63];
    *o++ = B64URL[v & 63];
  }
  if (n - i == 1) {
    unsigned v = (unsigned)in[i] << 16;
    *o++ = B64URL[v >> 18];
    *o++ = B64URL[(v >> 12) & 63];
  } else if (n - i == 2) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
    *o++ = B64URL[v >> 18];
    *o++ = B64URL[(v >> 12) & 63];
    *o++ = B64URL[(v >> 6) & 63];
  }
  return (size_t)(o - out);
}

/* seal(key: Uint8Array(32), plaintext: string | Uint8Array, aad: string | Uint8Array) -> "v1." + base64url */
static napi_value js_seal(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  state_t *s = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3) return fail(env, "seal: three arguments");
  if (napi_get_instance_data(env, (void **)&s) != napi_ok || !s) return fail(env, "seal: not initialised");

  const unsigned char *key, *pt, *aad;
  size_t key_len, pt_len, aad_len;
  bool is_ta = false;
  napi_typedarray_type tt;
  napi_value ab;
  size_t offset;
  void *kd;
  if (napi_is_typedarray(env, argv[0], &is_ta) != napi_ok || !is_ta ||
      napi_get_typedarray_info(env, argv[0], &tt, &key_len, &kd, &ab, &offset) != napi_ok ||
      tt != napi_uint8_array || key_len != KEY_LEN)
    return fail(env, "seal: the key must be 32 bytes");
  key = kd;
  if (!bytes_of(env, argv[1], &s->pt, &s->pt_cap, &pt, &pt_len)) return fail(env, "seal: plaintext must be a string or bytes");
  if (!bytes_of(env, argv[2], &s->aad, &s->aad_cap, &aad, &aad_len)) return fail(env, "seal: aad must be a string or bytes");
  if (pt_len > (size_t)1 << 30 || aad_len > (size_t)1 << 30) return fail(env, "seal: too long");

  size_t raw_len = HEAD + pt_len;
  size_t text_len = 3 + (raw_len * 4 + 2) / 3;
  if (!grow((void **)&s->raw, &s->raw_cap, raw_len) || !grow((void **)&s->text, &s->text_cap, text_len))
    return fail(env, "seal: out of memory");

  if (!s->keyed || CRYPTO_memcmp(s->key, key, KEY_LEN) != 0) {
    s->keyed = 0;
    if (EVP_EncryptInit_ex(s->ctx, EVP_aes_256_gcm(), NULL, key, NULL) != 1) return fail(env, "seal: cipher init failed");
    memcpy(s->key, key, KEY_LEN);
    s->keyed = 1;
  }
  if (s->at + IV_LEN > POOL) {
    if (RAND_bytes(s->pool, POOL) != 1) return fail(env, "seal: no random bytes");
    s->at = 0;
  }
  unsigned char *raw = s->raw;
  memcpy(raw, s->pool + s->at, IV_LEN);
  OPENSSL_cleanse(s->pool + s->at, IV_LEN);
  s->at += IV_LEN;

  int n = 0, m = 0;
  int ok = EVP_EncryptInit_ex(s->ctx, NULL, NULL, NULL, raw) == 1 &&
           (aad_len == 0 || EVP_EncryptUpdate(s->ctx, NULL, &n, aad, (int)aad_len) == 1) &&
           EVP_EncryptUpdate(s->ctx, raw + HEAD, &n, pt, (int)pt_len) == 1 &&
           EVP_EncryptFinal_ex(s->ctx, raw + HEAD + n, &m) == 1 && (size_t)(n + m) == pt_len &&
           EVP_CIPHER_CTX_ctrl(s->ctx, EVP_CTRL_GCM_GET_TAG, TAG_LEN, raw + IV_LEN) == 1;
  if (pt == s->pt) OPENSSL_cleanse(s->pt, pt_len);
  if (!ok) {
    s->keyed = 0; /* start the context afresh next time */
    return fail(env, "seal: encryption failed");
  }

  memcpy(s->text, "v1.", 3);
  size_t len = 3 + b64url(raw, raw_len, s->text + 3);
  napi_value result;
  if (napi_create_string_latin1(env, s->text, len, &result) != napi_ok) return fail(env, "seal: cannot make the string");
  return result;
}

NAPI_MODULE_INIT() {
  /* The headers are Node's own OpenSSL's: refuse a different major version at run time (the JS path is used). */
  if ((OpenSSL_version_num() >> 28) != (OPENSSL_VERSION_NUMBER >> 28)) {
    napi_throw_error(env, NULL, "seal: built against another OpenSSL major version than this Node carries");
    return NULL;
  }
  state_t *s = calloc(1, sizeof *s);
  if (!s || !(s->ctx = EVP_CIPHER_CTX_new())) {
    free(s);
    napi_throw_error(env, NULL, "seal: cannot make a cipher context");
    return NULL;
  }
  s->at = POOL;
  if (napi_set_instance_data(env, s, on_teardown, NULL) != napi_ok) {
    EVP_CIPHER_CTX_free(s->ctx);
    free(s);
    napi_throw_error(env, NULL, "seal: cannot keep its state");
    return NULL;
  }
  napi_value fn;
  if (napi_create_function(env, "seal", NAPI_AUTO_LENGTH, js_seal, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, "seal", fn) != napi_ok)
    return NULL;
  napi_value ver;
  if (napi_create_string_utf8(env, OpenSSL_version(OPENSSL_VERSION), NAPI_AUTO_LENGTH, &ver) == napi_ok)
    napi_set_named_property(env, exports, "openssl", ver);
  return exports;
}
