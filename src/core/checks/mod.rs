//! Checks (体检): problems a reviewer would find in a draft, each with where it is and a fix.
