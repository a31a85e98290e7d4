"""The weekly digest (本周沉淀): one page per ISO week gathering what the
community deposited that week, drafted by ``digest_build`` for editors to
adjust and publish."""
