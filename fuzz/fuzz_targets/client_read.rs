#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| itcare_fuzz::client_read(data));
