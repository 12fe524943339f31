//! C ABI for yinsi (work in progress).
