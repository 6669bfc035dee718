#if canImport(Glibc)
import Glibc
#endif

/// The C library's elementary functions, for the code that needs them outside GSL (the
/// synthetic data set's normal and log-normal draws): one door to libm, as `GSL` is to GSL.
public enum CMath {
    public static func log(_ x: Double) -> Double { Glibc.log(x) }
    public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    public static func cos(_ x: Double) -> Double { Glibc.cos(x) }
}
