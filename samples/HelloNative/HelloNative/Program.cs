using System.Runtime.InteropServices;
using Greet;

var name = args.Length > 0 ? args[0] : "CrossSdk";
Console.WriteLine(Greeter.Hello(name));
Console.WriteLine($"process: {RuntimeInformation.ProcessArchitecture}, native library: {Greeter.NativeArchitecture}");
