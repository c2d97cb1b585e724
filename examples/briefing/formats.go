package main

// defaultFormats are written when -format is not given.
const defaultFormats = "summary"
