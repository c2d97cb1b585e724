// Package deps pins module dependencies that later packages import.
// It is temporary and will be removed once every dependency is used.
package deps

import (
	_ "github.com/jung-kurt/gofpdf"
	_ "github.com/rivo/uniseg"
	_ "github.com/shopspring/decimal"
	_ "github.com/xuri/excelize/v2"
)
