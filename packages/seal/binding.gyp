{
  "targets": [
    {
      "target_name": "seal",
      "sources": ["src/seal.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "conditions": [["OS!='linux'", {"type": "none", "sources!": ["src/seal.c"]}]]
    }
  ]
}
