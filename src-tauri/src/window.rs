//! The main window on the screen it opens on: it fits the usable area (the taskbar or dock left
//! out) and lies on it, whatever size and place it remembers from the last run — a laptop used on a
//! projector yesterday opens on its own 1366×768 screen today.

use tauri::{PhysicalPosition, PhysicalSize, WebviewWindow};

/// A rectangle in physical pixels: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

/// The window rectangle that fits `work`: no larger than it, and moved onto it where it sticks out.
/// A window that already fits is left where it is.
pub fn fit(window: Rect, work: Rect) -> Rect {
    let width = window.width.min(work.width);
    let height = window.height.min(work.height);
    let max_x = work.x + (work.width - width) as i32;
    let max_y = work.y + (work.height - height) as i32;
    Rect {
        x: window.x.clamp(work.x, max_x),
        y: window.y.clamp(work.y, max_y),
        width,
        height,
    }
}

/// Fits the window (its outer frame, title bar included) to the usable area of its monitor.
pub fn fit_to_screen(window: &WebviewWindow) -> tauri::Result<()> {
    let Some(monitor) = window.current_monitor()?.or(window.primary_monitor()?) else {
        return Ok(());
    };
    let area = monitor.work_area();
    let work = Rect {
        x: area.position.x,
        y: area.position.y,
        width: area.size.width,
        height: area.size.height,
    };
    let (outer, inner, place) = (
        window.outer_size()?,
        window.inner_size()?,
        window.outer_position()?,
    );
    let now = Rect {
        x: place.x,
        y: place.y,
        width: outer.width,
        height: outer.height,
    };
    let fitted = fit(now, work);
    if fitted == now {
        return Ok(());
    }
    if (fitted.width, fitted.height) != (now.width, now.height) {
        // The frame around the page (title bar, borders) keeps its size.
        let frame_w = outer.width.saturating_sub(inner.width);
        let frame_h = outer.height.saturating_sub(inner.height);
        window.set_size(PhysicalSize::new(
            fitted.width.saturating_sub(frame_w),
            fitted.height.saturating_sub(frame_h),
        ))?;
    }
    window.set_position(PhysicalPosition::new(fitted.x, fitted.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAPTOP: Rect = Rect {
        x: 0,
        y: 0,
        width: 1366,
        height: 728, // 768 less a 40-pixel taskbar
    };

    #[test]
    fn a_window_taller_than_the_usable_area_shrinks_to_it() {
        let fitted = fit(
            Rect {
                x: 0,
                y: 0,
                width: 1366,
                height: 800,
            },
            LAPTOP,
        );
        assert_eq!(fitted, LAPTOP);
    }

    #[test]
    fn a_window_remembered_on_another_screen_comes_back_onto_this_one() {
        let fitted = fit(
            Rect {
                x: 1900,
                y: -50,
                width: 1200,
                height: 700,
            },
            LAPTOP,
        );
        assert_eq!(
            fitted,
            Rect {
                x: 166,
                y: 0,
                width: 1200,
                height: 700
            }
        );
    }

    #[test]
    fn a_window_that_fits_stays_put() {
        let window = Rect {
            x: 100,
            y: 20,
            width: 1024,
            height: 600,
        };
        assert_eq!(fit(window, LAPTOP), window);
        let below = Rect {
            x: 0,
            y: 40,
            width: 1366,
            height: 728,
        };
        let work = Rect { y: 40, ..LAPTOP };
        assert_eq!(fit(below, work), below, "a taskbar on top");
    }
}
