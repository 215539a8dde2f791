{
  "targets": [
    {
      "target_name": "udp_batch",
      "sources": ["src/sock.c", "src/binding.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "conditions": [["OS!='linux'", {"type": "none", "sources!": ["src/sock.c", "src/binding.c"]}]]
    }
  ]
}
