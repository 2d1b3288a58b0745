//! Validators for the create rules C1–C11 and the operation rules O1–O8.
//! (placeholder: the validators helper fills this module)
