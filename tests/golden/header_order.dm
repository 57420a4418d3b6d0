0 8 zero   # expected-error {{target line before the first 'device' header}}
device first   # expected-note {{the first device header is here}}
0 8 zero
