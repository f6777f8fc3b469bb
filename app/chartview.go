package app

import (
	"fmt"
	"image"
	"image/color"
	"log/slog"
	"runtime/debug"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"readiness/charts"
)

// resizeDebounce is how long a chart waits after the last resize before it
// draws again at the new size.
const resizeDebounce = 150 * time.Millisecond

// background runs work on goroutines and applies the results on the UI
// goroutine with fyne.Do. It counts the tasks whose results are not yet
// applied, so that tests can wait for them.
type background struct {
	pending atomic.Int64
	// onPanic, when set, is applied on the UI goroutine with the error of a
	// task that panicked, so that a bug in a query or a chart shows a dialog
	// instead of ending the app.
	onPanic func(error)
	// queue, when set, receives the results instead of fyne.Do; wait then
	// applies them on the caller's goroutine. Tests set it, because the test
	// driver's fyne.Do runs a function on the goroutine that calls it.
	queue chan func()
}

// post applies f on the UI goroutine.
func (b *background) post(f func()) {
	b.pending.Add(1)
	apply := func() {
		defer b.pending.Add(-1)
		f()
	}
	if b.queue != nil {
		b.queue <- apply
		return
	}
	fyne.Do(apply)
}

// run starts work on a goroutine; the function it returns, if any, is
// applied on the UI goroutine.
func (b *background) run(work func() (apply func())) {
	b.pending.Add(1)
	go func() {
		defer b.pending.Add(-1)
		if apply := b.protect(work); apply != nil {
			b.post(apply)
		}
	}()
}

// protect runs work and turns a panic into a result that reports it.
func (b *background) protect(work func() func()) (apply func()) {
	defer func() {
		if r := recover(); r != nil {
			err := fmt.Errorf("internal error: %v; please report it with the log", r)
			slog.Error("background task panicked", "panic", r, "stack", string(debug.Stack()))
			apply = func() {
				if b.onPanic != nil {
					b.onPanic(err)
				}
			}
		}
	}()
	return work()
}

// after is run, started after delay; the returned stop cancels it if it has
// not started.
func (b *background) after(delay time.Duration, work func() (apply func())) (stop func()) {
	b.pending.Add(1)
	t := time.AfterFunc(delay, func() {
		defer b.pending.Add(-1)
		if apply := b.protect(work); apply != nil {
			b.post(apply)
		}
	})
	return func() {
		if t.Stop() {
			b.pending.Add(-1)
		}
	}
}

// wait applies queued results until no task is left. Only tests call it,
// with queue set.
func (b *background) wait() {
	for b.pending.Load() > 0 {
		select {
		case apply := <-b.queue:
			apply()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// chartView shows one chart, drawn by charts.Render straight into an RGBA
// image at the widget's pixel size. It draws again on a goroutine when its
// input or theme changes, and after a resize once the size settles.
type chartView struct {
	widget.BaseWidget

	kind     charts.Kind
	bg       *background
	onTapped func(charts.Kind)
	onMenu   func(charts.Kind, *fyne.PointEvent) // right click
	onError  func(error)

	input    *charts.Input
	theme    charts.Theme
	selected bool
	// zoom enlarges text and lines: the chart is laid out at the widget's
	// size divided by zoom and drawn at zoom times the canvas scale, so the
	// image still has one pixel per screen pixel. 0 means 1.
	zoom float32
	// minHeight, when set, lowers zoom so that the chart is laid out at
	// least this tall, as a short screen still needs room for the bars.
	minHeight float32

	image   *canvas.Image
	message *widget.Label
	frame   *canvas.Rectangle

	generation uint64    // of the latest draw request; older results are dropped
	stop       func()    // cancels a pending debounced draw
	requested  fyne.Size // the size of the latest draw request
}

func newChartView(kind charts.Kind, bg *background) *chartView {
	v := &chartView{kind: kind, bg: bg}
	v.image = canvas.NewImageFromImage(nil)
	v.image.FillMode = canvas.ImageFillContain
	v.image.ScaleMode = canvas.ImageScaleFastest
	v.message = widget.NewLabel("")
	v.message.Alignment = fyne.TextAlignCenter
	v.message.Wrapping = fyne.TextWrapWord
	v.frame = canvas.NewRectangle(color.Transparent)
	v.frame.StrokeWidth = 2
	v.ExtendBaseWidget(v)
	return v
}

func (v *chartView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(v.image, container.NewCenter(v.message), v.frame))
}

// SetInput shows new data and draws it at once.
func (v *chartView) SetInput(in charts.Input) {
	v.input = &in
	v.draw(0)
}

// SetTheme changes the chart colours and draws again.
func (v *chartView) SetTheme(t charts.Theme) {
	if t == v.theme {
		return
	}
	v.theme = t
	v.draw(0)
}

// SetMessage replaces the chart with a message, such as an error.
func (v *chartView) SetMessage(text string) {
	v.input = nil
	v.generation++
	v.image.Image = nil
	v.image.Refresh()
	v.message.SetText(text)
}

// SetSelected marks the chart that File > Export acts on.
func (v *chartView) SetSelected(on bool) {
	v.selected = on
	v.frame.StrokeColor = color.Transparent
	if on {
		v.frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
	}
	v.frame.Refresh()
}

func (v *chartView) Resize(size fyne.Size) {
	v.BaseWidget.Resize(size)
	if size != v.requested {
		v.draw(resizeDebounce)
	}
}

func (v *chartView) Tapped(*fyne.PointEvent) {
	if v.onTapped != nil {
		v.onTapped(v.kind)
	}
}

func (v *chartView) TappedSecondary(ev *fyne.PointEvent) {
	if v.onMenu != nil {
		v.onMenu(v.kind, ev)
	}
}

// Image returns the drawn chart, or nil before the first draw.
func (v *chartView) Image() image.Image { return v.image.Image }

// draw requests a drawing at the current size after delay. It runs on the UI
// goroutine; the drawing runs on another.
func (v *chartView) draw(delay time.Duration) {
	if v.stop != nil {
		v.stop()
		v.stop = nil
	}
	size := v.Size()
	if v.input == nil || size.Width < 1 || size.Height < 1 {
		return
	}
	v.generation++
	v.requested = size
	gen, in := v.generation, *v.input
	zoom := chartZoom(v.zoom, v.minHeight, size.Height)
	style := charts.Style{
		Width:  int(size.Width / zoom),
		Height: int(size.Height / zoom),
		Scale:  v.scale() * float64(zoom),
		Theme:  v.theme,
	}
	work := func() func() {
		img, err := charts.Render(v.kind, in, style)
		return func() {
			if gen != v.generation {
				return
			}
			if err != nil {
				v.image.Image = nil
				v.message.SetText(err.Error())
				v.image.Refresh()
				if v.onError != nil {
					v.onError(err)
				}
				return
			}
			v.message.SetText("")
			v.image.Image = img
			v.image.Refresh()
		}
	}
	if delay == 0 {
		v.bg.run(work)
		return
	}
	v.stop = v.bg.after(delay, work)
}

// chartZoom returns the zoom a chart of the given height draws at: zoom,
// lowered so that the chart is laid out at least minHeight tall (0 for no
// limit), and never under 1.
func chartZoom(zoom, minHeight, height float32) float32 {
	if minHeight > 0 {
		zoom = min(zoom, height/minHeight)
	}
	return max(zoom, 1)
}

// scale returns the canvas scale, so that the chart has one image pixel per
// screen pixel.
func (v *chartView) scale() float64 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Scale() > 0 {
		return float64(c.Scale())
	}
	return 1
}
