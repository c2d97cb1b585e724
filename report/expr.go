package report

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/statbrief/statbrief/model"
)

// evalPrecision is the number of decimal places intermediate quotients keep
// when an expression is evaluated; the final OpRound sets the display places.
const evalPrecision = 16

// MaxPlaces is the most decimal places a derived figure can be computed
// to: intermediate quotients keep 16 places, and a percentage (× 100)
// keeps 14 of them exact; 12 leaves a margin. Derivations asked for more,
// or for fewer than 0, fail with ErrPlaces rather than show digits no
// computation supports.
const MaxPlaces = 12

// Eval evaluates the derivation's expression exactly on its inputs' numbers.
// Division by zero is ErrZeroBase, never a panic.
func (d *Derivation) Eval() (decimal.Decimal, error) {
	if d == nil || d.Expr == nil {
		return decimal.Decimal{}, fmt.Errorf("report: empty derivation: %w", ErrMissing)
	}
	return d.Expr.eval(d.Inputs)
}

func (e *Expr) eval(in []Input) (decimal.Decimal, error) {
	arg := func(i int) (decimal.Decimal, error) {
		if i >= len(e.Args) || e.Args[i] == nil {
			return decimal.Decimal{}, fmt.Errorf("report: malformed expression: %w", ErrMissing)
		}
		return e.Args[i].eval(in)
	}
	switch e.Op {
	case OpInput:
		if e.Index < 0 || e.Index >= len(in) {
			return decimal.Decimal{}, fmt.Errorf("report: expression input %d: %w", e.Index, ErrMissing)
		}
		return in[e.Index].Value.Num, nil
	case OpConst:
		return e.Const.Num, nil
	case OpAdd, OpMul:
		acc := decimal.Zero
		if e.Op == OpMul {
			acc = decimal.NewFromInt(1)
		}
		for i := range e.Args {
			v, err := arg(i)
			if err != nil {
				return v, err
			}
			if e.Op == OpAdd {
				acc = acc.Add(v)
			} else {
				acc = acc.Mul(v)
			}
		}
		return acc, nil
	case OpSub, OpDiv:
		a, err := arg(0)
		if err != nil {
			return a, err
		}
		b, err := arg(1)
		if err != nil {
			return b, err
		}
		if e.Op == OpSub {
			return a.Sub(b), nil
		}
		if b.IsZero() {
			return decimal.Decimal{}, ErrZeroBase
		}
		return a.DivRound(b, evalPrecision), nil
	case OpNeg:
		a, err := arg(0)
		return a.Neg(), err
	case OpRound:
		a, err := arg(0)
		return model.RoundHalfUp(a, e.Places), err
	}
	return decimal.Decimal{}, fmt.Errorf("report: expression op %d: %w", e.Op, ErrMissing)
}

// String writes the expression with input leaves as a, b, c …, for method
// notes and debugging: "ROUND((a×10⁴÷(b×10⁴)−1)×100, 1)".
func (e *Expr) String() string {
	var b strings.Builder
	e.write(&b, func(i int) string { return string(rune('a' + i)) })
	return b.String()
}

// Format writes the expression in spreadsheet syntax, with ref giving the
// text for input leaf i (a cell reference). Constants are written exactly.
// The result is an Excel formula body without the leading "=".
func (e *Expr) Format(ref func(i int) string) string {
	var b strings.Builder
	e.write(&b, ref)
	return b.String()
}

func (e *Expr) write(b *strings.Builder, ref func(int) string) {
	join := func(op string) {
		b.WriteByte('(')
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(op)
			}
			a.write(b, ref)
		}
		b.WriteByte(')')
	}
	switch e.Op {
	case OpInput:
		b.WriteString(ref(e.Index))
	case OpConst:
		b.WriteString(e.Const.Num.String())
	case OpAdd:
		join("+")
	case OpSub:
		join("-")
	case OpMul:
		join("*")
	case OpDiv:
		join("/")
	case OpNeg:
		b.WriteString("(-")
		e.Args[0].write(b, ref)
		b.WriteByte(')')
	case OpRound:
		b.WriteString("ROUND(")
		e.Args[0].write(b, ref)
		fmt.Fprintf(b, ",%d)", e.Places)
	}
}

// expression constructors

func in(i int) *Expr               { return &Expr{Op: OpInput, Index: i} }
func num(d decimal.Decimal) *Expr  { return &Expr{Op: OpConst, Const: model.Value{Num: d}} }
func numi(n int64) *Expr           { return num(decimal.NewFromInt(n)) }
func add(a ...*Expr) *Expr         { return &Expr{Op: OpAdd, Args: a} }
func sub(a, b *Expr) *Expr         { return &Expr{Op: OpSub, Args: []*Expr{a, b}} }
func mul(a ...*Expr) *Expr         { return &Expr{Op: OpMul, Args: a} }
func div(a, b *Expr) *Expr         { return &Expr{Op: OpDiv, Args: []*Expr{a, b}} }
func round(a *Expr, p int32) *Expr { return &Expr{Op: OpRound, Args: []*Expr{a}, Places: p} }

// scaled is input i converted from magnitude m to magnitude to: i × 10^(m−to).
func scaled(i int, m, to model.Magnitude) *Expr {
	if m == to {
		return in(i)
	}
	return mul(in(i), num(decimal.New(1, int32(m)-int32(to))))
}
