//! Import: plain text or Markdown turned into a draft, with the clean-ups it needed.
